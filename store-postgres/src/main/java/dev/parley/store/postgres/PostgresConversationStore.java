package dev.parley.store.postgres;

import dev.parley.core.Page;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.Membership;
import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.JdbcConversationStore;
import dev.parley.store.jdbc.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Conversations and memberships in PostgreSQL. Memberships, channels and bans change only through the log's writer
 * ({@link PostgresMessageLog}); this store creates conversations and moves read markers. A DM pair is created
 * once whichever node asks first: the pair's unique index settles a race, and the loser reads the winner's row.
 */
public final class PostgresConversationStore extends JdbcConversationStore {
    private static final String SELECT_CONVERSATION = "SELECT " + Rows.CONVERSATION_COLUMNS + " FROM conversations";

    public PostgresConversationStore(PostgresDatabase db) {
        super(db);
    }

    @Override
    public Conversation findOrCreateDm(long newId, long userA, long userB, Instant now) {
        long low = Math.min(userA, userB);
        long high = Math.max(userA, userB);
        return db.write(c -> {
            Optional<Conversation> existing = dm(c, low, high);
            if (existing.isPresent()) {
                return existing.get();
            }
            int created = Jdbc.update(c, """
                    INSERT INTO conversations (id, kind, member_count, created_at, dm_low, dm_high)
                    VALUES (?, 'dm', 2, ?, ?, ?) ON CONFLICT (dm_low, dm_high) WHERE dm_low IS NOT NULL DO NOTHING""",
                    newId, now, low, high);
            if (created == 1) {
                Jdbc.update(c, "INSERT INTO memberships (conversation_id, user_id, joined_at) VALUES (?, ?, ?), (?, ?, ?)",
                        newId, low, now, newId, high, now);
            }
            return dm(c, low, high).orElseThrow();
        });
    }

    private static Optional<Conversation> dm(Connection c, long low, long high) throws SQLException {
        return Jdbc.one(c, SELECT_CONVERSATION + " WHERE dm_low = ? AND dm_high = ?", Rows::conversation, low, high);
    }

    @Override
    public Optional<Conversation> find(long id) {
        return db.read(c -> Jdbc.one(c, SELECT_CONVERSATION + " WHERE id = ? AND NOT deleted", Rows::conversation, id));
    }

    @Override
    public Optional<Membership> membership(long conversationId, long userId) {
        return db.read(c -> Jdbc.one(c, "SELECT " + Rows.MEMBERSHIP_COLUMNS + """

                FROM memberships m JOIN conversations k ON k.id = m.conversation_id
                WHERE m.conversation_id = ? AND m.user_id = ? AND NOT k.deleted""",
                Rows::membership, conversationId, userId));
    }

    @Override
    public List<Membership> membershipsOf(long userId) {
        return db.read(c -> Jdbc.list(c, "SELECT " + Rows.MEMBERSHIP_COLUMNS + """

                FROM memberships m JOIN conversations k ON k.id = m.conversation_id
                WHERE m.user_id = ? AND NOT k.deleted""", Rows::membership, userId));
    }

    /** Matches names containing {@code query} with ILIKE (PostgreSQL folds the case); {@code % _ \} match themselves. */
    @Override
    public Page<Conversation> publicChannels(String query, String cursor, int limit) {
        long before = cursorValue(cursor, Long.MAX_VALUE);
        String pattern = "%" + Jdbc.likeLiteral(query) + "%";
        List<Conversation> rows = db.read(c -> Jdbc.list(c, SELECT_CONVERSATION + """
                 WHERE visibility = 'public' AND NOT deleted AND id < ? AND name ILIKE ? ESCAPE '\\'
                ORDER BY id DESC LIMIT ?""", Rows::conversation, before, pattern, limit + 1));
        return Rows.page(rows, limit, ch -> Long.toString(ch.id()));
    }
}
