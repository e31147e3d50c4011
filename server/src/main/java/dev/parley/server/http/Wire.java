package dev.parley.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.account.Account;
import dev.parley.core.account.BotToken;
import dev.parley.core.account.Invite;
import dev.parley.core.account.Scope;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationView;
import dev.parley.core.error.ParleyException;
import dev.parley.core.message.HistoryPage;
import dev.parley.core.message.Message;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Collection;
import java.util.Locale;

/** Core values in the wire contract's shape: snake_case, ids as strings, ISO-8601 UTC times. */
public final class Wire {
    /** Always three fraction digits: Instant.toString() drops them on a whole second. */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private Wire() {
    }

    public static ObjectNode user(User u) {
        ObjectNode n = Json.object();
        n.put("id", id(u.id()));
        n.put("username", u.username());
        n.put("display_name", u.displayName());
        n.put("avatar_url", u.avatarUrl());
        n.put("status_text", u.statusText());
        n.put("created_at", time(u.createdAt()));
        n.put("bot", u.bot());
        return n;
    }

    /** A user as admins see them: with {@code admin}, {@code deactivated} and {@code deleted}. */
    public static ObjectNode account(Account a) {
        ObjectNode n = user(a.user());
        n.put("admin", a.admin());
        n.put("deactivated", a.deactivated());
        n.put("deleted", a.deleted());
        return n;
    }

    /** An invite, with the sign-up link that carries it ({@code baseUrl}/#invite=CODE). */
    public static ObjectNode invite(Invite i, String baseUrl) {
        ObjectNode n = Json.object();
        n.put("code", i.code());
        n.put("url", baseUrl + "/#invite=" + i.code());
        if (i.maxUses() == null) {
            n.putNull("max_uses");
        } else {
            n.put("max_uses", i.maxUses());
        }
        n.put("uses", i.uses());
        n.put("expires_at", time(i.expiresAt()));
        n.put("created_at", time(i.createdAt()));
        return n;
    }

    /** A bot's token; {@code token} (the secret) only when it was just made. */
    public static ObjectNode botToken(BotToken t) {
        ObjectNode n = Json.object();
        n.put("id", id(t.id()));
        n.put("name", t.name());
        if (t.token() != null) {
            n.put("token", t.token());
        }
        n.put("scope", t.scope().access() == Scope.Access.READ ? "read" : "read_send");
        if (t.scope().conversationIds().isEmpty()) {
            n.putNull("conversation_ids");
        } else {
            ArrayNode ids = n.putArray("conversation_ids");
            t.scope().conversationIds().stream().sorted().forEach(c -> ids.add(id(c)));
        }
        n.put("created_at", time(t.createdAt()));
        n.put("last_seen_at", time(t.lastSeenAt()));
        return n;
    }

    public static ArrayNode users(Collection<User> users) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        users.forEach(u -> a.add(user(u)));
        return a;
    }

    public static ObjectNode session(Session s, long currentSessionId) {
        ObjectNode n = Json.object();
        n.put("id", id(s.id()));
        n.put("device_name", s.deviceName());
        n.put("created_at", time(s.createdAt()));
        n.put("last_seen_at", time(s.lastSeenAt()));
        n.put("current", s.id() == currentSessionId);
        return n;
    }

    public static ObjectNode message(Message m) {
        ObjectNode n = Json.object();
        n.put("id", id(m.id()));
        n.put("conversation_id", id(m.conversationId()));
        n.put("seq", m.seq());
        n.put("author_id", id(m.authorId()));
        n.put("content", m.content());
        n.put("created_at", time(m.createdAt()));
        n.put("edited_at", time(m.editedAt()));
        n.put("deleted", m.deleted());
        n.put("reply_to", m.replyTo() == null ? null : id(m.replyTo()));
        n.put("nonce", m.nonce());
        ArrayNode mentions = n.putArray("mentions");
        m.mentions().userIds().forEach(id -> mentions.add(id(id)));
        n.put("mentions_here", m.mentions().here());
        n.put("mentions_channel", m.mentions().channel());
        return n;
    }

    public static ObjectNode history(HistoryPage page) {
        ObjectNode n = Json.object();
        ArrayNode messages = n.putArray("messages");
        page.messages().forEach(m -> messages.add(message(m)));
        ObjectNode users = n.putObject("users");
        page.users().values().forEach(u -> users.set(id(u.id()), user(u)));
        n.put("has_more", page.hasMore());
        if (page.hasMoreBefore() != null) {
            n.put("has_more_before", page.hasMoreBefore());
            n.put("has_more_after", page.hasMoreAfter());
        }
        return n;
    }

    public static ObjectNode conversation(ConversationView v) {
        ObjectNode n = sharedConversation(v.conversation(), v.lastSeq());
        if (v.peer() != null) {
            n.set("peer", user(v.peer()));
        }
        n.set("last_message", v.lastMessage() == null ? null : message(v.lastMessage()));
        n.put("last_read_seq", v.lastReadSeq());
        n.put("unread_count", v.unreadCount());
        n.put("mention_count", v.mentionCount());
        n.put("notify", v.notifyLevel().wire());
        n.put("muted_until", time(v.mutedUntil()));
        n.put("last_activity_at", time(v.lastActivityAt()));
        return n;
    }

    /**
     * What every member sees alike of a conversation at {@code lastSeq}: without the per-member fields
     * ({@code last_read_seq}, {@code unread_count}, {@code peer}), which clients keep as they had them.
     */
    public static ObjectNode sharedConversation(Conversation c, long lastSeq) {
        ObjectNode n = Json.object();
        n.put("id", id(c.id()));
        n.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
        n.put("name", c.name());
        n.put("topic", c.topic());
        n.put("visibility", c.visibility() == null ? null : c.visibility().name().toLowerCase(Locale.ROOT));
        n.put("owner_id", c.ownerId() == null ? null : id(c.ownerId()));
        n.put("member_count", c.memberCount());
        if (c.isChannel()) {
            n.put("members_may_mention_all", c.membersMayMentionAll());
        }
        n.put("last_seq", lastSeq);
        n.put("created_at", time(c.createdAt()));
        return n;
    }

    public static ArrayNode conversations(Collection<ConversationView> views) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        views.forEach(v -> a.add(conversation(v)));
        return a;
    }

    public static ObjectNode error(ParleyException e) {
        ObjectNode n = Json.object();
        ObjectNode error = n.putObject("error");
        error.put("code", e.code().code());
        error.put("message", e.getMessage());
        if (e.retryAfterMs() != null) {
            error.put("retry_after_ms", e.retryAfterMs());
        }
        return n;
    }

    public static String id(long id) {
        return Long.toString(id);
    }

    public static String time(Instant t) {
        return t == null ? null : TIME.format(t);
    }
}
