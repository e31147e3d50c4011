package dev.parley.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.account.User;
import dev.parley.core.conversation.ConversationView;
import dev.parley.core.event.LogEvent;
import dev.parley.core.message.EventPage;
import dev.parley.core.message.Message;
import dev.parley.server.http.Json;
import dev.parley.server.http.Wire;

/**
 * The gateway frame of each log event, {@code {op, d, conversation_id, seq}}: what live delivery sends, what
 * catch-up replays and what {@code GET /conversations/{id}/events} answers, alike for every member.
 */
public final class LogFrames {
    private LogFrames() {
    }

    public static ObjectNode frame(LogEvent event) {
        return switch (event) {
            case LogEvent.MessagePosted p -> messageFrame("MESSAGE_CREATE", p.message(), p.seq());
            case LogEvent.MessageEdited e -> messageFrame("MESSAGE_UPDATE", e.message(), e.seq());
            case LogEvent.MessageDeleted d -> {
                ObjectNode data = Json.object();
                data.put("conversation_id", Wire.id(d.conversationId()));
                data.put("seq", d.seq());
                data.put("message_id", Wire.id(d.messageId()));
                yield logFrame("MESSAGE_DELETE", data, d.conversationId(), d.seq());
            }
            case LogEvent.MemberAdded a -> member("MEMBER_ADD", a.conversationId(), a.seq(), a.member());
            case LogEvent.MemberRemoved r -> member("MEMBER_REMOVE", r.conversationId(), r.seq(), r.member());
            case LogEvent.ConversationChanged c -> logFrame("CONVERSATION_UPDATE",
                    Json.object().set("conversation", Wire.sharedConversation(c.conversation(), c.seq())),
                    c.conversationId(), c.seq());
            case LogEvent.ConversationRemoved r -> conversationDelete(r.conversationId(), r.seq(), "deleted");
        };
    }

    /** A page of the log as {@code GET /conversations/{id}/events} answers it. */
    public static ObjectNode page(EventPage page) {
        ObjectNode n = Json.object();
        ArrayNode events = n.putArray("events");
        page.events().forEach(e -> events.add(frame(e)));
        n.put("has_more", page.hasMore());
        return n;
    }

    /** What a new member's devices get instead of MEMBER_ADD: the conversation, read up to their joining. */
    public static ObjectNode joined(LogEvent.MemberAdded a) {
        ConversationView view = new ConversationView(a.conversation(), null, a.seq(), null, a.seq(), 0, a.at());
        return logFrame("CONVERSATION_CREATE", Json.object().set("conversation", Wire.conversation(view)),
                a.conversationId(), a.seq());
    }

    /**
     * The conversation is gone for this member: {@code reason} "deleted" (the channel was), "removed" (they left or
     * were removed), or null (not known: a cursor of a conversation they are no longer in).
     */
    public static ObjectNode conversationDelete(long conversationId, Long seq, String reason) {
        ObjectNode d = Json.object().put("conversation_id", Wire.id(conversationId));
        if (reason != null) {
            d.put("reason", reason);
        }
        return seq == null ? frame("CONVERSATION_DELETE", d) : logFrame("CONVERSATION_DELETE", d, conversationId, seq);
    }

    public static ObjectNode frame(String op, JsonNode d) {
        ObjectNode n = Json.object();
        n.put("op", op);
        n.set("d", d);
        return n;
    }

    private static ObjectNode logFrame(String op, JsonNode d, long conversationId, long seq) {
        ObjectNode n = frame(op, d);
        n.put("conversation_id", Wire.id(conversationId));
        n.put("seq", seq);
        return n;
    }

    private static ObjectNode messageFrame(String op, Message m, long seq) {
        return logFrame(op, Json.object().set("message", Wire.message(m)), m.conversationId(), seq);
    }

    private static ObjectNode member(String op, long conversationId, long seq, User user) {
        ObjectNode d = Json.object();
        d.put("conversation_id", Wire.id(conversationId));
        d.set("user", Wire.user(user));
        return logFrame(op, d, conversationId, seq);
    }
}
