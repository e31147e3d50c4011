package dev.parley.store.jdbc;

import dev.parley.core.Page;
import dev.parley.core.account.Account;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Membership;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import dev.parley.core.notification.NotifyLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns each value is read from, and how a row becomes the value. Flags are read with
 * {@link ResultSet#getBoolean}, which reads SQLite's 0 and 1 as PostgreSQL's booleans.
 */
public final class Rows {
    public static final String USER_COLUMNS = "id, username, display_name, avatar_url, status_text, created_at, bot_owner_id";
    public static final String ACCOUNT_COLUMNS = USER_COLUMNS + ", admin, deactivated, deleted";
    public static final String MESSAGE_COLUMNS =
            "id, conversation_id, seq, author_id, content, created_at, edited_at, deleted, reply_to, nonce, mentions, mention_flags";
    /** A message of a conversation, by its id. */
    public static final String MESSAGE_BY_ID = "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE id = ? AND conversation_id = ?";
    /** A conversation's message by its author's nonce. */
    public static final String MESSAGE_BY_NONCE = "SELECT " + MESSAGE_COLUMNS
            + " FROM messages WHERE conversation_id = ? AND author_id = ? AND nonce = ?";
    public static final String CONVERSATION_COLUMNS =
            "id, kind, name, topic, visibility, owner_id, member_count, created_at, members_may_mention_all";
    public static final String MEMBERSHIP_COLUMNS =
            "m.conversation_id, m.user_id, m.joined_at, m.last_read_seq, m.notify, m.muted_until";
    private static final int HERE = 1;
    private static final int CHANNEL = 2;

    private Rows() {
    }

    /** A user; a bot is a user with an owner. */
    public static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("avatar_url"), rs.getString("status_text"), Jdbc.instant(rs, "created_at"),
                Jdbc.nullableLong(rs, "bot_owner_id") != null);
    }

    public static Account account(ResultSet rs) throws SQLException {
        return new Account(user(rs), rs.getBoolean("admin"), rs.getBoolean("deactivated"), rs.getBoolean("deleted"),
                Jdbc.nullableLong(rs, "bot_owner_id"));
    }

    public static Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getLong("id"), ConversationKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                rs.getString("name"), rs.getString("topic"), visibility(rs.getString("visibility")),
                Jdbc.nullableLong(rs, "owner_id"), rs.getInt("member_count"), Jdbc.instant(rs, "created_at"),
                rs.getBoolean("members_may_mention_all"));
    }

    public static Visibility visibility(String stored) {
        return stored == null ? null : Visibility.valueOf(stored.toUpperCase(Locale.ROOT));
    }

    public static Membership membership(ResultSet rs) throws SQLException {
        String notify = rs.getString("notify");
        return new Membership(rs.getLong("conversation_id"), rs.getLong("user_id"), Jdbc.instant(rs, "joined_at"),
                rs.getLong("last_read_seq"), notify == null ? null : NotifyLevel.parse(notify),
                Jdbc.instant(rs, "muted_until"));
    }

    /** A page of the rows read with a limit of {@code limit + 1}: the next page starts after the last shown. */
    public static <T> Page<T> page(List<T> rows, int limit, Function<T, String> cursorOf) {
        List<T> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? cursorOf.apply(shown.get(shown.size() - 1)) : null;
        return new Page<>(List.copyOf(shown), next);
    }

    public static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getLong("id"), rs.getLong("conversation_id"), rs.getLong("seq"), rs.getLong("author_id"),
                rs.getString("content"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "edited_at"),
                rs.getBoolean("deleted"), Jdbc.nullableLong(rs, "reply_to"), rs.getString("nonce"),
                mentions(rs.getString("mentions"), rs.getInt("mention_flags")));
    }

    private static Mentions mentions(String ids, int flags) {
        if (ids == null && flags == 0) {
            return Mentions.NONE;
        }
        List<Long> users = ids == null || ids.isEmpty() ? List.of()
                : Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
        return new Mentions(users, (flags & HERE) != 0, (flags & CHANNEL) != 0);
    }

    /** The stored text of a message's mentioned user ids, null for none. */
    public static String mentionIds(Mentions m) {
        return m.userIds().isEmpty() ? null : m.userIds().stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public static int mentionFlags(Mentions m) {
        return (m.here() ? HERE : 0) | (m.channel() ? CHANNEL : 0);
    }
}
