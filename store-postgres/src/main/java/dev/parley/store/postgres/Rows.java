package dev.parley.store.postgres;

import dev.parley.core.account.Account;
import dev.parley.core.account.Scope;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Membership;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import dev.parley.core.notification.NotifyLevel;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The columns each value is read from, and how a row becomes the value. */
final class Rows {
    static final String USER_COLUMNS = "id, username, display_name, avatar_url, status_text, created_at, bot_owner_id";
    static final String ACCOUNT_COLUMNS = USER_COLUMNS + ", admin, deactivated, deleted";
    static final String MESSAGE_COLUMNS =
            "id, conversation_id, seq, author_id, content, created_at, edited_at, deleted, reply_to, nonce, mentions, mention_flags";
    static final String CONVERSATION_COLUMNS =
            "id, kind, name, topic, visibility, owner_id, member_count, created_at, members_may_mention_all";
    static final String MEMBERSHIP_COLUMNS = "m.conversation_id, m.user_id, m.joined_at, m.last_read_seq, m.notify, m.muted_until";
    static final int HERE = 1;
    static final int CHANNEL = 2;

    private Rows() {
    }

    /** A user; a bot is a user with an owner. */
    static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("avatar_url"), rs.getString("status_text"), Jdbc.instant(rs, "created_at"),
                Jdbc.nullableLong(rs, "bot_owner_id") != null);
    }

    static Account account(ResultSet rs) throws SQLException {
        return new Account(user(rs), rs.getBoolean("admin"), rs.getBoolean("deactivated"), rs.getBoolean("deleted"),
                Jdbc.nullableLong(rs, "bot_owner_id"));
    }

    static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getLong("id"), rs.getLong("user_id"), rs.getString("device_name"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_seen_at"), scope(rs));
    }

    /** {@code scope} holds the access in lower case; {@code conversation_ids} is NULL for every conversation. */
    private static Scope scope(ResultSet rs) throws SQLException {
        Scope.Access access = Scope.Access.valueOf(rs.getString("scope").toUpperCase(Locale.ROOT));
        if (access == Scope.Access.PERSON) {
            return Scope.PERSON;
        }
        Array ids = rs.getArray("conversation_ids");
        return new Scope(access, ids == null ? Set.of() : Set.of((Long[]) ids.getArray()));
    }

    static Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getLong("id"), ConversationKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                rs.getString("name"), rs.getString("topic"), visibility(rs.getString("visibility")),
                Jdbc.nullableLong(rs, "owner_id"), rs.getInt("member_count"), Jdbc.instant(rs, "created_at"),
                rs.getBoolean("members_may_mention_all"));
    }

    static Visibility visibility(String stored) {
        return stored == null ? null : Visibility.valueOf(stored.toUpperCase(Locale.ROOT));
    }

    static Membership membership(ResultSet rs) throws SQLException {
        String notify = rs.getString("notify");
        return new Membership(rs.getLong("conversation_id"), rs.getLong("user_id"), Jdbc.instant(rs, "joined_at"),
                rs.getLong("last_read_seq"), notify == null ? null : NotifyLevel.parse(notify),
                Jdbc.instant(rs, "muted_until"));
    }

    static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getLong("id"), rs.getLong("conversation_id"), rs.getLong("seq"), rs.getLong("author_id"),
                rs.getString("content"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "edited_at"),
                rs.getBoolean("deleted"), Jdbc.nullableLong(rs, "reply_to"), rs.getString("nonce"),
                mentions(rs.getString("mentions"), rs.getInt("mention_flags")));
    }

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
