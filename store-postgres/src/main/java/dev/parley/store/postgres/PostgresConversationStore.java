package dev.parley.store.postgres;

import dev.parley.core.Page;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Membership;
import dev.parley.core.error.ParleyException;
import dev.parley.core.notification.NotifyLevel;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Conversations and memberships in PostgreSQL. Memberships, channels and bans change only through the log's writer
 * ({@link PostgresMessageLog}); this store creates conversations and moves read markers. A DM pair is created
 * once whichever node asks first: the pair's unique index settles a race, and the loser reads the winner's row.
 */
public final class PostgresConversationStore implements ConversationStore {
    private static final String SELECT_CONVERSATION = "SELECT " + Rows.CONVERSATION_COLUMNS + " FROM conversations";

    private final PostgresDatabase db;

    public PostgresConversationStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public void createChannel(Conversation ch) {
        db.write(c -> {
            Jdbc.update(c, """
                    INSERT INTO conversations (id, kind, name, topic, visibility, owner_id, member_count, created_at)
                    VALUES (?, 'channel', ?, ?, ?, ?, 1, ?)""",
                    ch.id(), ch.name(), ch.topic(), ch.visibility().name().toLowerCase(Locale.ROOT), ch.ownerId(),
                    ch.createdAt());
            return Jdbc.update(c, "INSERT INTO memberships (conversation_id, user_id, joined_at) VALUES (?, ?, ?)",
                    ch.id(), ch.ownerId(), ch.createdAt());
        });
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

    @Override
    public Page<Long> members(long conversationId, String cursor, int limit) {
        long after = cursorValue(cursor, 0);
        List<long[]> rows = db.read(c -> Jdbc.list(c, """
                SELECT ordinal, user_id FROM memberships WHERE conversation_id = ? AND ordinal > ?
                ORDER BY ordinal LIMIT ?""", rs -> new long[] {rs.getLong(1), rs.getLong(2)}, conversationId, after, limit + 1));
        List<Long> ids = rows.stream().limit(limit).map(r -> r[1]).toList();
        return new Page<>(ids, rows.size() > limit ? Long.toString(rows.get(limit - 1)[0]) : null);
    }

    /** Matches names containing {@code query} with ILIKE (PostgreSQL folds the case); {@code % _ \} match themselves. */
    @Override
    public Page<Conversation> publicChannels(String query, String cursor, int limit) {
        long before = cursorValue(cursor, Long.MAX_VALUE);
        String pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Conversation> rows = db.read(c -> Jdbc.list(c, SELECT_CONVERSATION + """
                 WHERE visibility = 'public' AND NOT deleted AND id < ? AND name ILIKE ? ESCAPE '\\'
                ORDER BY id DESC LIMIT ?""", Rows::conversation, before, pattern, limit + 1));
        List<Conversation> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? Long.toString(shown.get(shown.size() - 1).id()) : null;
        return new Page<>(List.copyOf(shown), next);
    }

    @Override
    public List<Long> bannedUsers(long conversationId) {
        return db.read(c -> Jdbc.list(c, "SELECT user_id FROM bans WHERE conversation_id = ? ORDER BY banned_at DESC, user_id",
                rs -> rs.getLong(1), conversationId));
    }

    @Override
    public boolean advanceReadMarker(long conversationId, long userId, long seq) {
        return db.write(c -> Jdbc.update(c, """
                UPDATE memberships SET last_read_seq = ? WHERE conversation_id = ? AND user_id = ? AND last_read_seq < ?""",
                seq, conversationId, userId, seq) == 1);
    }

    @Override
    public boolean setNotifications(long conversationId, long userId, NotifyLevel notify, Instant mutedUntil) {
        return db.write(c -> Jdbc.update(c, "UPDATE memberships SET notify = ?, muted_until = ? WHERE conversation_id = ? AND user_id = ?",
                notify == null ? null : notify.wire(), mutedUntil, conversationId, userId) == 1);
    }

    /** Cursors are the decimal text of a position; anything else is a bad cursor. */
    private static long cursorValue(String cursor, long none) {
        if (cursor == null || cursor.isEmpty()) {
            return none;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ParleyException.invalid("cursor is not valid");
        }
    }
}
