package dev.parley.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.presence.StatusChoice;
import dev.parley.server.http.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a client may send, parsed once from the frame's {@code op} and {@code d}: every field checked here, so the
 * gateway handles typed values with an exhaustive switch. A frame that is not one of these is refused with
 * {@code unknown_op} or {@code invalid_request}.
 */
sealed interface ClientFrame {
    int MAX_WATCHED = 1_000;

    /** The ops a socket may send only once identified (HEARTBEAT and IDENTIFY come before). */
    Set<String> AFTER_IDENTIFY = Set.of("SEND", "TYPING", "READ", "SET_STATUS", "SUBSCRIBE_PRESENCE");

    record Heartbeat() implements ClientFrame {
    }

    record Identify(String token, Map<Long, Long> cursors) implements ClientFrame {
    }

    record Send(long conversationId, String content, String nonce, Long replyTo) implements ClientFrame {
    }

    record Typing(long conversationId) implements ClientFrame {
    }

    record Read(long conversationId, long seq) implements ClientFrame {
    }

    record SetStatus(StatusChoice status) implements ClientFrame {
    }

    record SubscribePresence(List<Long> userIds) implements ClientFrame {
    }

    /** The frame {@code op} stands for, or a refusal. */
    static ClientFrame parse(String op, ObjectNode d) {
        return switch (op) {
            case "HEARTBEAT" -> new Heartbeat();
            case "IDENTIFY" -> new Identify(Fields.requiredString(d, "token"), cursors(d.get("cursors")));
            case "SEND" -> {
                String nonce = Fields.optionalString(d, "nonce");
                if (nonce == null) {
                    throw ParleyException.invalid("nonce is required");
                }
                yield new Send(Fields.requiredLong(d, "conversation_id"), Fields.requiredString(d, "content"), nonce,
                        Fields.optionalId(d, "reply_to"));
            }
            case "TYPING" -> new Typing(Fields.requiredLong(d, "conversation_id"));
            case "READ" -> new Read(Fields.requiredLong(d, "conversation_id"), Fields.requiredLong(d, "seq"));
            case "SET_STATUS" -> new SetStatus(StatusChoice.parse(Fields.requiredString(d, "status")));
            case "SUBSCRIBE_PRESENCE" -> new SubscribePresence(userIds(d.get("user_ids")));
            default -> throw new ParleyException(ErrorCode.UNKNOWN_OP, "unknown op " + op);
        };
    }

    /** A SEND's nonce as far as it can be read, so that a refused SEND's ERROR still names it. */
    static String nonceOf(ObjectNode d) {
        JsonNode nonce = d.get("nonce");
        return nonce != null && nonce.isTextual() ? nonce.textValue() : null;
    }

    private static Map<Long, Long> cursors(JsonNode node) {
        Map<Long, Long> cursors = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return cursors;
        }
        if (!node.isObject()) {
            throw ParleyException.invalid("cursors must be an object of conversation id to seq");
        }
        node.properties().forEach(entry -> {
            long id = Fields.parseId(entry.getKey(), "cursors key");
            JsonNode seq = entry.getValue();
            if (!seq.canConvertToLong() || !seq.isIntegralNumber() || seq.longValue() < 0) {
                throw ParleyException.invalid("cursors values must be non-negative integers");
            }
            cursors.put(id, seq.longValue());
        });
        return cursors;
    }

    private static List<Long> userIds(JsonNode ids) {
        if (ids == null || !ids.isArray() || ids.size() > MAX_WATCHED) {
            throw ParleyException.invalid("user_ids must be an array of at most " + MAX_WATCHED + " ids");
        }
        List<Long> userIds = new ArrayList<>();
        for (JsonNode id : ids) {
            if (id.isTextual()) {
                userIds.add(Fields.parseId(id.textValue(), "user_ids"));
            } else if (id.isIntegralNumber() && id.canConvertToLong()) {
                userIds.add(id.longValue());
            } else {
                throw ParleyException.invalid("user_ids must hold ids");
            }
        }
        return userIds;
    }
}
