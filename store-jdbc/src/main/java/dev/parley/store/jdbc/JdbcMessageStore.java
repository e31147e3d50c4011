package dev.parley.store.jdbc;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.event.LogEvent;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the SQLite and PostgreSQL message stores do alike; each adapter adds where it keeps a log's position, the
 * counts its SQL dialect writes differently, and how an event row's member and channel are read.
 */
public abstract class JdbcMessageStore implements MessageStore {
    private static final String SELECT_MESSAGE = "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages";
    /** Events with their message (current state) and their member (current profile); %s: the adapter's columns. */
    private static final String EVENTS = """
            SELECT e.seq AS e_seq, e.kind AS e_kind, e.ref_id, e.at,
                   e.name AS e_name, e.topic AS e_topic, e.owner_id AS e_owner_id, e.member_count AS e_member_count,
                   e.members_may_mention_all AS e_mma,
                   m.id, m.conversation_id, m.seq, m.author_id, m.content, m.created_at, m.edited_at, m.deleted,
                   m.reply_to, m.nonce, m.mentions, m.mention_flags,
                   u.id AS u_id, u.username AS u_username, u.display_name AS u_display_name,
                   u.avatar_url AS u_avatar_url, u.status_text AS u_status_text, u.created_at AS u_created_at,
                   %s
            FROM events e
            LEFT JOIN messages m ON e.kind IN (1, 2) AND m.id = e.ref_id
            LEFT JOIN users u ON e.kind IN (4, 5) AND u.id = e.ref_id
            LEFT JOIN conversations k ON e.kind IN (4, 5, 6) AND k.id = e.conversation_id
            WHERE e.conversation_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?""";

    protected final Database db;
    private final String eventsQuery;

    /**
     * {@code eventColumns}: the columns of {@code u} (users) and {@code k} (conversations) that {@link #member} and
     * {@link #channelAsLogged} read beyond those every adapter selects.
     */
    protected JdbcMessageStore(Database db, String eventColumns) {
        this.db = db;
        this.eventsQuery = EVENTS.formatted(eventColumns);
    }

    /** A member event's user, from the event row ({@code ref_id} is {@code userId}). */
    protected abstract User member(ResultSet rs, long userId) throws SQLException;

    /** A member or channel event's channel as the event left it, from the event row. */
    protected abstract Conversation channelAsLogged(long conversationId, ResultSet rs) throws SQLException;

    @Override
    public Optional<Message> find(long conversationId, long messageId) {
        return db.read(c -> Jdbc.one(c, Rows.MESSAGE_BY_ID, Rows::message, messageId, conversationId));
    }

    @Override
    public Optional<Message> findByNonce(long conversationId, long authorId, String nonce) {
        return db.read(c -> Jdbc.one(c, Rows.MESSAGE_BY_NONCE, Rows::message, conversationId, authorId, nonce));
    }

    @Override
    public List<Message> before(long conversationId, Long beforeSeq, int limit) {
        long before = beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
        return db.read(c -> Jdbc.list(c, SELECT_MESSAGE + " WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                Rows::message, conversationId, before, limit));
    }

    @Override
    public List<Message> after(long conversationId, long afterSeq, int limit) {
        return db.read(c -> Jdbc.list(c, SELECT_MESSAGE + " WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                Rows::message, conversationId, afterSeq, limit));
    }

    /** Events with their message (current state), their member (current profile) and the channel as logged. */
    @Override
    public List<LogEvent> eventsAfter(long conversationId, long afterSeq, int limit) {
        return db.read(c -> Jdbc.list(c, eventsQuery, rs -> event(conversationId, rs), conversationId, afterSeq, limit));
    }

    @Override
    public Optional<Message> lastMessage(long conversationId) {
        return db.read(c -> Jdbc.one(c, SELECT_MESSAGE + " WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1",
                Rows::message, conversationId));
    }

    private LogEvent event(long conversationId, ResultSet rs) throws SQLException {
        long seq = rs.getLong("e_seq");
        Instant at = Jdbc.instant(rs, "at");
        long ref = rs.getLong("ref_id");
        return switch (EventKind.of(rs.getInt("e_kind"))) {
            case MESSAGE_POSTED -> new LogEvent.MessagePosted(conversationId, seq, at, Rows.message(rs));
            case MESSAGE_EDITED -> new LogEvent.MessageEdited(conversationId, seq, at, Rows.message(rs));
            case MESSAGE_DELETED -> new LogEvent.MessageDeleted(conversationId, seq, at, ref);
            case MEMBER_ADDED -> new LogEvent.MemberAdded(conversationId, seq, at, member(rs, ref), channelAsLogged(conversationId, rs));
            case MEMBER_REMOVED -> new LogEvent.MemberRemoved(conversationId, seq, at, member(rs, ref), channelAsLogged(conversationId, rs));
            case CONVERSATION_CHANGED -> new LogEvent.ConversationChanged(conversationId, seq, at, channelAsLogged(conversationId, rs));
            case CONVERSATION_REMOVED -> new LogEvent.ConversationRemoved(conversationId, seq, at);
        };
    }
}
