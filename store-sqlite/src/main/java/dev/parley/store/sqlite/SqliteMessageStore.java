package dev.parley.store.sqlite;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogPosition;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

public final class SqliteMessageStore implements MessageStore {
    static final String MESSAGE_COLUMNS =
            "id, conversation_id, seq, author_id, content, created_at, edited_at, deleted, reply_to, nonce, mentions, mention_flags";

    static final String BY_NONCE = "SELECT " + MESSAGE_COLUMNS
            + " FROM messages WHERE conversation_id = ? AND author_id = ? AND nonce = ?";

    private final SqliteDatabase db;

    public SqliteMessageStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Message> find(long conversationId, long messageId) {
        return db.read(c -> Jdbc.one(c, "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE id = ? AND conversation_id = ?",
                SqliteMessageStore::message, messageId, conversationId));
    }

    @Override
    public Optional<Message> findByNonce(long conversationId, long authorId, String nonce) {
        return db.read(c -> Jdbc.one(c, BY_NONCE, SqliteMessageStore::message, conversationId, authorId, nonce));
    }

    @Override
    public List<Message> before(long conversationId, Long beforeSeq, int limit) {
        long before = beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
        return db.read(c -> Jdbc.list(c, "SELECT " + MESSAGE_COLUMNS
                        + " FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                SqliteMessageStore::message, conversationId, before, limit));
    }

    @Override
    public List<Message> after(long conversationId, long afterSeq, int limit) {
        return db.read(c -> Jdbc.list(c, "SELECT " + MESSAGE_COLUMNS
                        + " FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                SqliteMessageStore::message, conversationId, afterSeq, limit));
    }

    @Override
    public List<LogEvent> eventsAfter(long conversationId, long afterSeq, int limit) {
        return db.read(c -> Jdbc.list(c, """
                SELECT e.seq AS e_seq, e.kind AS e_kind, e.ref_id, e.at,
                       e.name AS e_name, e.topic AS e_topic, e.owner_id AS e_owner_id, e.member_count AS e_member_count,
                       e.members_may_mention_all AS e_mma,
                       m.id, m.conversation_id, m.seq, m.author_id, m.content, m.created_at, m.edited_at, m.deleted,
                       m.reply_to, m.nonce, m.mentions, m.mention_flags,
                       u.id AS u_id, u.username AS u_username, u.display_name AS u_display_name,
                       u.avatar_url AS u_avatar_url, u.status_text AS u_status_text, u.created_at AS u_created_at,
                       k.kind AS k_kind, k.name AS k_name, k.topic AS k_topic, k.visibility AS k_visibility,
                       k.owner_id AS k_owner_id, k.member_count AS k_member_count, k.created_at AS k_created_at,
                       k.members_may_mention_all AS k_mma
                FROM events e
                LEFT JOIN messages m ON e.kind IN (1, 2) AND m.id = e.ref_id
                LEFT JOIN users u ON e.kind IN (4, 5) AND u.id = e.ref_id
                LEFT JOIN conversations k ON e.kind IN (4, 5, 6) AND k.id = e.conversation_id
                WHERE e.conversation_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?""",
                rs -> event(conversationId, rs), conversationId, afterSeq, limit));
    }

    @Override
    public LogPosition position(long conversationId) {
        return db.read(c -> Jdbc.one(c, "SELECT last_seq, last_event_at FROM logs WHERE conversation_id = ?",
                rs -> new LogPosition(rs.getLong(1), Jdbc.instant(rs, "last_event_at")), conversationId))
                .orElse(LogPosition.EMPTY);
    }

    @Override
    public Optional<Message> lastMessage(long conversationId) {
        return db.read(c -> Jdbc.one(c, "SELECT " + MESSAGE_COLUMNS
                        + " FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1",
                SqliteMessageStore::message, conversationId));
    }

    @Override
    public long unreadCount(long conversationId, long userId, long afterSeq) {
        return db.read(c -> Jdbc.one(c, """
                SELECT count(*) FROM messages WHERE conversation_id = ? AND seq > ? AND author_id <> ? AND deleted = 0""",
                rs -> rs.getLong(1), conversationId, afterSeq, userId)).orElse(0L);
    }

    /** Messages mentioning the user by name (the mentions index) or everyone (a partial index), read only through those. */
    @Override
    public long mentionCount(long conversationId, long userId, long afterSeq) {
        return db.read(c -> Jdbc.one(c, """
                SELECT count(*) FROM messages WHERE conversation_id = ? AND seq IN (
                  SELECT seq FROM mentions WHERE user_id = ? AND conversation_id = ? AND seq > ?
                  UNION SELECT seq FROM messages WHERE conversation_id = ? AND seq > ? AND mention_flags <> 0)
                AND deleted = 0 AND author_id <> ?""",
                rs -> rs.getLong(1), conversationId, userId, conversationId, afterSeq, conversationId, afterSeq, userId))
                .orElse(0L);
    }

    private static LogEvent event(long conversationId, ResultSet rs) throws SQLException {
        long seq = rs.getLong("e_seq");
        Instant at = Jdbc.instant(rs, "at");
        long ref = rs.getLong("ref_id");
        return switch (EventKind.of(rs.getInt("e_kind"))) {
            case MESSAGE_POSTED -> new LogEvent.MessagePosted(conversationId, seq, at, message(rs));
            case MESSAGE_EDITED -> new LogEvent.MessageEdited(conversationId, seq, at, message(rs));
            case MESSAGE_DELETED -> new LogEvent.MessageDeleted(conversationId, seq, at, ref);
            case MEMBER_ADDED -> new LogEvent.MemberAdded(conversationId, seq, at, member(rs, ref), channelAsLogged(conversationId, rs));
            case MEMBER_REMOVED -> new LogEvent.MemberRemoved(conversationId, seq, at, member(rs, ref), channelAsLogged(conversationId, rs));
            case CONVERSATION_CHANGED -> new LogEvent.ConversationChanged(conversationId, seq, at, channelAsLogged(conversationId, rs));
            case CONVERSATION_REMOVED -> new LogEvent.ConversationRemoved(conversationId, seq, at);
        };
    }

    /** A member event's user, in their current profile. */
    private static User member(ResultSet rs, long userId) throws SQLException {
        if (rs.getObject("u_id") == null) {
            return new User(userId, "", "", null, "", null);
        }
        return new User(rs.getLong("u_id"), rs.getString("u_username"), rs.getString("u_display_name"),
                rs.getString("u_avatar_url"), rs.getString("u_status_text"), Jdbc.instant(rs, "u_created_at"));
    }

    /** The channel as the event left it; rows logged before events kept that have the channel's current values. */
    private static Conversation channelAsLogged(long conversationId, ResultSet rs) throws SQLException {
        String visibility = rs.getString("k_visibility");
        String name = rs.getString("e_name");
        boolean logged = name != null;
        return new Conversation(conversationId, ConversationKind.CHANNEL, logged ? name : rs.getString("k_name"),
                logged ? rs.getString("e_topic") : rs.getString("k_topic"),
                visibility == null ? null : Visibility.valueOf(visibility.toUpperCase(Locale.ROOT)),
                Jdbc.nullableLong(rs, logged ? "e_owner_id" : "k_owner_id"),
                rs.getInt(logged ? "e_member_count" : "k_member_count"), Jdbc.instant(rs, "k_created_at"),
                rs.getObject("e_mma") != null ? rs.getInt("e_mma") == 1 : rs.getInt("k_mma") == 1);
    }

    static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getLong("id"), rs.getLong("conversation_id"), rs.getLong("seq"), rs.getLong("author_id"),
                rs.getString("content"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "edited_at"),
                rs.getInt("deleted") == 1, Jdbc.nullableLong(rs, "reply_to"), rs.getString("nonce"),
                mentions(rs.getString("mentions"), rs.getInt("mention_flags")));
    }

    static final int HERE = 1;
    static final int CHANNEL = 2;

    static Mentions mentions(String ids, int flags) {
        if (ids == null && flags == 0) {
            return Mentions.NONE;
        }
        List<Long> users = ids == null || ids.isEmpty() ? List.of()
                : Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
        return new Mentions(users, (flags & HERE) != 0, (flags & CHANNEL) != 0);
    }

    /** The stored text of a message's mentioned user ids, null for none. */
    static String mentionIds(Mentions m) {
        return m.userIds().isEmpty() ? null : m.userIds().stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static int mentionFlags(Mentions m) {
        return (m.here() ? HERE : 0) | (m.channel() ? CHANNEL : 0);
    }
}
