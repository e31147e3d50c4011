package dev.parley.store.sqlite;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.event.LogPosition;
import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.JdbcMessageStore;
import dev.parley.store.jdbc.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;

public final class SqliteMessageStore extends JdbcMessageStore {
    public SqliteMessageStore(SqliteDatabase db) {
        super(db, """
                u.bot_owner_id AS u_bot_owner_id,
                k.kind AS k_kind, k.name AS k_name, k.topic AS k_topic, k.visibility AS k_visibility,
                k.owner_id AS k_owner_id, k.member_count AS k_member_count, k.created_at AS k_created_at,
                k.members_may_mention_all AS k_mma""");
    }

    @Override
    public LogPosition position(long conversationId) {
        return db.read(c -> Jdbc.one(c, "SELECT last_seq, last_event_at FROM logs WHERE conversation_id = ?",
                rs -> new LogPosition(rs.getLong(1), Jdbc.instant(rs, "last_event_at")), conversationId))
                .orElse(LogPosition.EMPTY);
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

    /** A member event's user, in their current profile. */
    @Override
    protected User member(ResultSet rs, long userId) throws SQLException {
        if (rs.getObject("u_id") == null) {
            return new User(userId, "", "", null, "", null);
        }
        return new User(rs.getLong("u_id"), rs.getString("u_username"), rs.getString("u_display_name"),
                rs.getString("u_avatar_url"), rs.getString("u_status_text"), Jdbc.instant(rs, "u_created_at"),
                Jdbc.nullableLong(rs, "u_bot_owner_id") != null);
    }

    /** The channel as the event left it; rows logged before events kept that have the channel's current values. */
    @Override
    protected Conversation channelAsLogged(long conversationId, ResultSet rs) throws SQLException {
        String name = rs.getString("e_name");
        boolean logged = name != null;
        return new Conversation(conversationId, ConversationKind.CHANNEL, logged ? name : rs.getString("k_name"),
                logged ? rs.getString("e_topic") : rs.getString("k_topic"),
                Rows.visibility(rs.getString("k_visibility")),
                Jdbc.nullableLong(rs, logged ? "e_owner_id" : "k_owner_id"),
                rs.getInt(logged ? "e_member_count" : "k_member_count"), Jdbc.instant(rs, "k_created_at"),
                rs.getObject("e_mma") != null ? rs.getInt("e_mma") == 1 : rs.getInt("k_mma") == 1);
    }
}
