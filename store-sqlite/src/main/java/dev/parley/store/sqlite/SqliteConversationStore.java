package dev.parley.store.sqlite;

import dev.parley.core.Page;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Membership;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.notification.NotifyLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

public final class SqliteConversationStore implements ConversationStore {
    private final SqliteDatabase db;

    public SqliteConversationStore(SqliteDatabase db) {
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
            Optional<Conversation> existing = Jdbc.one(c,
                    "SELECT * FROM conversations WHERE dm_low = ? AND dm_high = ?", SqliteConversationStore::conversation, low, high);
            if (existing.isPresent()) {
                return existing.get();
            }
            Jdbc.update(c, """
                    INSERT INTO conversations (id, kind, member_count, created_at, dm_low, dm_high)
                    VALUES (?, 'dm', 2, ?, ?, ?)""", newId, now, low, high);
            Jdbc.update(c, "INSERT INTO memberships (conversation_id, user_id, joined_at) VALUES (?, ?, ?), (?, ?, ?)",
                    newId, userA, now, newId, userB, now);
            return Jdbc.one(c, "SELECT * FROM conversations WHERE id = ?", SqliteConversationStore::conversation, newId)
                    .orElseThrow();
        });
    }

    @Override
    public Optional<Conversation> find(long id) {
        return db.read(c -> Jdbc.one(c, "SELECT * FROM conversations WHERE id = ? AND deleted = 0",
                SqliteConversationStore::conversation, id));
    }

    @Override
    public Optional<Membership> membership(long conversationId, long userId) {
        return db.read(c -> Jdbc.one(c, """
                SELECT m.* FROM memberships m JOIN conversations k ON k.id = m.conversation_id
                WHERE m.conversation_id = ? AND m.user_id = ? AND k.deleted = 0""",
                SqliteConversationStore::membership, conversationId, userId));
    }

    @Override
    public List<Membership> membershipsOf(long userId) {
        return db.read(c -> Jdbc.list(c, """
                SELECT m.* FROM memberships m JOIN conversations k ON k.id = m.conversation_id
                WHERE m.user_id = ? AND k.deleted = 0""", SqliteConversationStore::membership, userId));
    }

    @Override
    public Page<Long> members(long conversationId, String cursor, int limit) {
        long after = cursorValue(cursor, 0);
        List<long[]> rows = db.read(c -> Jdbc.list(c, """
                SELECT ordinal, user_id FROM memberships WHERE conversation_id = ? AND ordinal > ?
                ORDER BY ordinal LIMIT ?""", rs -> new long[] {rs.getLong(1), rs.getLong(2)}, conversationId, after, limit + 1));
        return page(rows.stream().map(r -> r[1]).toList(), rows, limit);
    }

    @Override
    public Page<Conversation> publicChannels(String query, String cursor, int limit) {
        long before = cursorValue(cursor, Long.MAX_VALUE);
        String pattern = "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Conversation> rows = db.read(c -> Jdbc.list(c, """
                SELECT * FROM conversations WHERE visibility = 'public' AND deleted = 0 AND id < ?
                AND lower(name) LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?""",
                SqliteConversationStore::conversation, before, pattern, limit + 1));
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

    private static Page<Long> page(List<Long> ids, List<long[]> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page<>(ids, null);
        }
        return new Page<>(ids.subList(0, limit), Long.toString(rows.get(limit - 1)[0]));
    }

    /** Cursors are the decimal text of a position; anything else is a bad cursor. */
    private static long cursorValue(String cursor, long none) {
        if (cursor == null || cursor.isEmpty()) {
            return none;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw dev.parley.core.error.ParleyException.invalid("cursor is not valid");
        }
    }

    static Conversation conversation(ResultSet rs) throws SQLException {
        ConversationKind kind = ConversationKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT));
        String visibility = rs.getString("visibility");
        return new Conversation(rs.getLong("id"), kind, rs.getString("name"), rs.getString("topic"),
                visibility == null ? null : Visibility.valueOf(visibility.toUpperCase(Locale.ROOT)),
                Jdbc.nullableLong(rs, "owner_id"), rs.getInt("member_count"), Jdbc.instant(rs, "created_at"),
                rs.getInt("members_may_mention_all") == 1);
    }

    private static Membership membership(ResultSet rs) throws SQLException {
        String notify = rs.getString("notify");
        return new Membership(rs.getLong("conversation_id"), rs.getLong("user_id"), Jdbc.instant(rs, "joined_at"),
                rs.getLong("last_read_seq"), notify == null ? null : NotifyLevel.parse(notify),
                Jdbc.instant(rs, "muted_until"));
    }
}
