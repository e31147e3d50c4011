package dev.parley.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.account.User;
import dev.parley.core.conversation.ConversationView;
import dev.parley.core.error.ParleyException;
import dev.parley.core.message.Message;
import dev.parley.server.http.Json;
import dev.parley.server.http.Wire;

/** Gateway frames as JSON text: {@code {"op", "d"}}, plus {@code conversation_id} and {@code seq} for log events. */
final class Frames {
    private Frames() {
    }

    static String frame(String op, JsonNode d) {
        ObjectNode n = Json.object();
        n.put("op", op);
        n.set("d", d);
        return Json.write(n);
    }

    static String logFrame(String op, JsonNode d, long conversationId, long seq) {
        ObjectNode n = Json.object();
        n.put("op", op);
        n.set("d", d);
        n.put("conversation_id", Wire.id(conversationId));
        n.put("seq", seq);
        return Json.write(n);
    }

    static String empty(String op) {
        return frame(op, Json.object());
    }

    static String error(ParleyException e, String nonce) {
        ObjectNode d = Json.object();
        d.set("error", Wire.error(e).get("error"));
        if (nonce != null) {
            d.put("nonce", nonce);
        }
        return frame("ERROR", d);
    }

    static String messageCreate(Message m) {
        return logFrame("MESSAGE_CREATE", Json.object().set("message", Wire.message(m)), m.conversationId(), m.seq());
    }

    static String messageUpdate(Message m, long seq) {
        return logFrame("MESSAGE_UPDATE", Json.object().set("message", Wire.message(m)), m.conversationId(), seq);
    }

    static String messageDelete(long conversationId, long seq, long messageId) {
        ObjectNode d = Json.object();
        d.put("conversation_id", Wire.id(conversationId));
        d.put("seq", seq);
        d.put("message_id", Wire.id(messageId));
        return logFrame("MESSAGE_DELETE", d, conversationId, seq);
    }

    static String member(String op, long conversationId, long seq, User user) {
        ObjectNode d = Json.object();
        d.put("conversation_id", Wire.id(conversationId));
        d.set("user", Wire.user(user));
        return logFrame(op, d, conversationId, seq);
    }

    static String conversation(String op, ConversationView view, long seq) {
        return logFrame(op, Json.object().set("conversation", Wire.conversation(view)), view.conversation().id(), seq);
    }

    /**
     * A conversation update sent alike to every member: without the fields that differ per member
     * ({@code last_read_seq}, {@code unread_count}, {@code peer}), which clients keep as they had them.
     */
    static String conversationUpdate(ConversationView view, long seq) {
        ObjectNode c = Wire.conversation(view);
        c.remove("last_read_seq");
        c.remove("unread_count");
        c.remove("peer");
        return logFrame("CONVERSATION_UPDATE", Json.object().set("conversation", c), view.conversation().id(), seq);
    }

    static String conversationDelete(long conversationId, Long seq) {
        ObjectNode d = Json.object().put("conversation_id", Wire.id(conversationId));
        return seq == null ? frame("CONVERSATION_DELETE", d) : logFrame("CONVERSATION_DELETE", d, conversationId, seq);
    }

    static String catchupTruncated(long conversationId, long fromSeq, long toSeq) {
        ObjectNode d = Json.object();
        d.put("conversation_id", Wire.id(conversationId));
        d.put("from_seq", fromSeq);
        d.put("to_seq", toSeq);
        return frame("CATCHUP_TRUNCATED", d);
    }

    static String typingStart(long conversationId, long userId) {
        ObjectNode d = Json.object();
        d.put("conversation_id", Wire.id(conversationId));
        d.put("user_id", Wire.id(userId));
        return frame("TYPING_START", d);
    }

    static String readState(long conversationId, long lastReadSeq) {
        ObjectNode d = Json.object();
        d.put("conversation_id", Wire.id(conversationId));
        d.put("last_read_seq", lastReadSeq);
        return frame("READ_STATE", d);
    }

    static String presenceUpdate(long userId, String status) {
        ObjectNode d = Json.object();
        d.put("user_id", Wire.id(userId));
        d.put("status", status);
        return frame("PRESENCE_UPDATE", d);
    }
}
