package dev.parley.store.sqlite;

import dev.parley.core.Page;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.Membership;
import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.JdbcConversationStore;
import dev.parley.store.jdbc.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

public final class SqliteConversationStore extends JdbcConversationStore {
    public SqliteConversationStore(SqliteDatabase db) {
        super(db);
    }

    @Override
    public Conversation findOrCreateDm(long newId, long userA, long userB, Instant now) {
        long low = Math.min(userA, userB);
        long high = Math.max(userA, userB);
        return db.write(c -> {
            Optional<Conversation> existing = Jdbc.one(c,
                    "SELECT * FROM conversations WHERE dm_low = ? AND dm_high = ?", Rows::conversation, low, high);
            if (existing.isPresent()) {
                return existing.get();
            }
            Jdbc.update(c, """
                    INSERT INTO conversations (id, kind, member_count, created_at, dm_low, dm_high)
                    VALUES (?, 'dm', 2, ?, ?, ?)""", newId, now, low, high);
            Jdbc.update(c, "INSERT INTO memberships (conversation_id, user_id, joined_at) VALUES (?, ?, ?), (?, ?, ?)",
                    newId, userA, now, newId, userB, now);
            return Jdbc.one(c, "SELECT * FROM conversations WHERE id = ?", Rows::conversation, newId)
                    .orElseThrow();
        });
    }

    @Override
    public Optional<Conversation> find(long id) {
        return db.read(c -> Jdbc.one(c, "SELECT * FROM conversations WHERE id = ? AND deleted = 0",
                Rows::conversation, id));
    }

    @Override
    public Optional<Membership> membership(long conversationId, long userId) {
        return db.read(c -> Jdbc.one(c, """
                SELECT m.* FROM memberships m JOIN conversations k ON k.id = m.conversation_id
                WHERE m.conversation_id = ? AND m.user_id = ? AND k.deleted = 0""",
                Rows::membership, conversationId, userId));
    }

    @Override
    public List<Membership> membershipsOf(long userId) {
        return db.read(c -> Jdbc.list(c, """
                SELECT m.* FROM memberships m JOIN conversations k ON k.id = m.conversation_id
                WHERE m.user_id = ? AND k.deleted = 0""", Rows::membership, userId));
    }

    @Override
    public Page<Conversation> publicChannels(String query, String cursor, int limit) {
        long before = cursorValue(cursor, Long.MAX_VALUE);
        String pattern = "%" + Jdbc.likeLiteral(query.toLowerCase(Locale.ROOT)) + "%";
        List<Conversation> rows = db.read(c -> Jdbc.list(c, """
                SELECT * FROM conversations WHERE visibility = 'public' AND deleted = 0 AND id < ?
                AND lower(name) LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?""",
                Rows::conversation, before, pattern, limit + 1));
        return Rows.page(rows, limit, ch -> Long.toString(ch.id()));
    }
}
