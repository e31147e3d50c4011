package dev.parley.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
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
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Collection;
import java.util.List;
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

    /**
     * Writes a message as the contract's {@code message} object. This is the one field list of a message: the history
     * page, the answers of send and edit, the gateway's frames and acks and a conversation's {@code last_message} are
     * all written here, straight to the generator, with no tree in between.
     */
    public static void message(JsonGenerator g, Message m) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id(m.id()));
        g.writeStringField("conversation_id", id(m.conversationId()));
        g.writeNumberField("seq", m.seq());
        g.writeStringField("author_id", id(m.authorId()));
        g.writeStringField("content", m.content());
        g.writeStringField("created_at", time(m.createdAt()));
        g.writeStringField("edited_at", time(m.editedAt()));
        g.writeBooleanField("deleted", m.deleted());
        g.writeStringField("reply_to", m.replyTo() == null ? null : id(m.replyTo()));
        g.writeStringField("nonce", m.nonce());
        g.writeArrayFieldStart("mentions");
        for (long userId : m.mentions().userIds()) {
            g.writeString(id(userId));
        }
        g.writeEndArray();
        g.writeBooleanField("mentions_here", m.mentions().here());
        g.writeBooleanField("mentions_channel", m.mentions().channel());
        g.writeEndObject();
    }

    /**
     * A message as a node of a JSON tree (a frame, an ack, a conversation): a leaf that
     * {@link #message(JsonGenerator, Message)} writes when the tree is written, never a tree of its own.
     */
    public static JsonNode message(Message m) {
        return Json.MAPPER.getNodeFactory().pojoNode(new Streamed(m));
    }

    /**
     * Writes a page of history: {@code messages}, {@code users}, {@code has_more}, the around-page's two flags, and
     * {@code events} (the frames of the page's other log events) unless null.
     */
    public static void history(JsonGenerator g, HistoryPage page, List<? extends JsonNode> events) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("messages");
        for (Message m : page.messages()) {
            message(g, m);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("users");
        for (User u : page.users().values()) {
            g.writeFieldName(id(u.id()));
            g.writeTree(user(u));
        }
        g.writeEndObject();
        g.writeBooleanField("has_more", page.hasMore());
        if (page.hasMoreBefore() != null) {
            g.writeBooleanField("has_more_before", page.hasMoreBefore());
            g.writeBooleanField("has_more_after", page.hasMoreAfter());
        }
        if (events != null) {
            g.writeArrayFieldStart("events");
            for (JsonNode e : events) {
                g.writeTree(e);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
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

    /** What a {@link #message(Message)} node holds: Jackson writes it by calling {@link #serialize}. */
    private record Streamed(Message value) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
            message(g, value);
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer typeSer)
                throws IOException {
            message(g, value);
        }
    }
}
