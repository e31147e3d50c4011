package dev.parley.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.account.User;
import dev.parley.core.conversation.ConversationView;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.LogEvent;
import dev.parley.server.http.Json;
import dev.parley.server.http.Wire;
import dev.parley.server.wire.LogFrames;

/** Gateway frames as JSON text: {@code {"op", "d"}}, plus {@code conversation_id} and {@code seq} for log events. */
final class Frames {
    private Frames() {
    }

    static String frame(String op, JsonNode d) {
        return Json.write(LogFrames.frame(op, d));
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

    static String logEvent(LogEvent event) {
        return Json.write(LogFrames.frame(event));
    }

    static String joined(LogEvent.MemberAdded added) {
        return Json.write(LogFrames.joined(added));
    }

    static String conversationCreate(ConversationView view) {
        return frame("CONVERSATION_CREATE", Json.object().set("conversation", Wire.conversation(view)));
    }

    static String conversationDelete(long conversationId, Long seq, String reason) {
        return Json.write(LogFrames.conversationDelete(conversationId, seq, reason));
    }

    static String notificationSettings(long conversationId, String notify, String mutedUntil) {
        ObjectNode d = Json.object();
        d.put("conversation_id", Wire.id(conversationId));
        d.put("notify", notify);
        d.put("muted_until", mutedUntil);
        return frame("NOTIFICATION_SETTINGS", d);
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

    static String userUpdate(User user) {
        return frame("USER_UPDATE", Json.object().set("user", Wire.user(user)));
    }
}
