package dev.parley.store.jdbc;

import dev.parley.core.Page;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.error.ParleyException;
import dev.parley.core.notification.NotifyLevel;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the SQLite and PostgreSQL conversation stores do alike; each adapter adds the queries its SQL dialect writes
 * differently (flags, case-insensitive matching) and how a DM pair is created once.
 */
public abstract class JdbcConversationStore implements ConversationStore {
    protected final Database db;

    protected JdbcConversationStore(Database db) {
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
    public Page<Long> members(long conversationId, String cursor, int limit) {
        long after = cursorValue(cursor, 0);
        List<long[]> rows = db.read(c -> Jdbc.list(c, """
                SELECT ordinal, user_id FROM memberships WHERE conversation_id = ? AND ordinal > ?
                ORDER BY ordinal LIMIT ?""", rs -> new long[] {rs.getLong(1), rs.getLong(2)}, conversationId, after, limit + 1));
        List<Long> ids = rows.stream().limit(limit).map(r -> r[1]).toList();
        return new Page<>(ids, rows.size() > limit ? Long.toString(rows.get(limit - 1)[0]) : null);
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
    protected static long cursorValue(String cursor, long none) {
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
