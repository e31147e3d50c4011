package dev.parley.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.Principal;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.TypingNotifier;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Futures;
import dev.parley.core.message.MessageService;
import dev.parley.core.presence.PresenceService;
import dev.parley.core.presence.PresenceView;
import dev.parley.core.presence.StatusChoice;
import dev.parley.server.http.Fields;
import dev.parley.server.http.Json;
import dev.parley.server.http.Wire;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Reads client frames and answers them. Work that blocks runs on worker threads; answers go through the connection's queue. */
final class Inbound {
    private static final int MAX_WATCHED = 1_000;

    /** What identifying a connection involves beyond this class: registering it and replaying what it missed. */
    interface Identify {
        void identified(Connection c, Principal principal, Map<Long, Long> cursors);
    }

    private final Vertx vertx;
    private final AccountService accounts;
    private final ConversationService conversations;
    private final MessageService messages;
    private final TypingNotifier typing;
    private final PresenceService presence;
    private final ConnectionRegistry registry;
    private final Identify identify;
    private volatile boolean draining;

    Inbound(Vertx vertx, AccountService accounts, ConversationService conversations, MessageService messages,
            TypingNotifier typing, PresenceService presence, ConnectionRegistry registry, Identify identify) {
        this.vertx = vertx;
        this.accounts = accounts;
        this.conversations = conversations;
        this.messages = messages;
        this.typing = typing;
        this.presence = presence;
        this.registry = registry;
        this.identify = identify;
    }

    void drain() {
        draining = true;
    }

    /**
     * Answers one whole client message. Bytes that are not UTF-8, and text that is not one JSON value (blank text,
     * or JSON with more text after it), close the socket with 4002; JSON that is not a frame is answered with ERROR.
     */
    void onText(Connection c, byte[] utf8, long nowMs) {
        JsonNode frame;
        try {
            frame = Json.parse(Json.utf8(utf8));
        } catch (ParleyException e) {
            c.close(CloseCodes.MALFORMED_FRAME, e.code() == ErrorCode.INVALID_ENCODING ? "frames must be UTF-8"
                    : "a frame is one JSON value");
            return;
        }
        c.heard(nowMs);
        try {
            if (!(frame instanceof ObjectNode object) || !object.path("op").isTextual()) {
                throw ParleyException.invalid("a frame is an object with a string op");
            }
            JsonNode d = object.get("d");
            if (d != null && !d.isNull() && !d.isObject()) {
                throw ParleyException.invalid("d must be an object");
            }
            handle(c, object.get("op").textValue(), d instanceof ObjectNode o ? o : Json.object());
        } catch (ParleyException e) {
            c.sendDirect(Frames.error(e, null));
        }
    }

    private void handle(Connection c, String op, ObjectNode d) {
        if (op.equals("HEARTBEAT")) {
            c.sendDirect(Frames.empty("HEARTBEAT_ACK"));
            return;
        }
        if (op.equals("IDENTIFY")) {
            identify(c, d);
            return;
        }
        if (!isKnown(op)) {
            throw new ParleyException(ErrorCode.UNKNOWN_OP, "unknown op " + op);
        }
        Principal p = c.principal();
        if (p == null) {
            throw new ParleyException(ErrorCode.UNAUTHORIZED, "IDENTIFY first");
        }
        switch (op) {
            case "SEND" -> send(c, p, d);
            case "TYPING" -> {
                long conversationId = Fields.requiredLong(d, "conversation_id");
                blocking(c, null, () -> typing.typing(p, conversationId));
            }
            case "READ" -> {
                long conversationId = Fields.requiredLong(d, "conversation_id");
                long seq = Fields.requiredLong(d, "seq");
                blocking(c, null, () -> conversations.markRead(p, conversationId, seq));
            }
            case "SET_STATUS" -> {
                StatusChoice choice = StatusChoice.parse(Fields.requiredString(d, "status"));
                blocking(c, null, () -> {
                    presence.choose(p.userId(), choice);
                    return null;
                });
            }
            case "SUBSCRIBE_PRESENCE" -> subscribePresence(c, d);
            default -> throw new ParleyException(ErrorCode.UNKNOWN_OP, "unknown op " + op);
        }
    }

    private static boolean isKnown(String op) {
        return switch (op) {
            case "SEND", "TYPING", "READ", "SET_STATUS", "SUBSCRIBE_PRESENCE" -> true;
            default -> false;
        };
    }

    private void identify(Connection c, ObjectNode d) {
        if (c.state() != Connection.State.AWAITING_IDENTIFY) {
            throw ParleyException.invalid("already identified");
        }
        String token = Fields.requiredString(d, "token");
        Map<Long, Long> cursors = cursors(d.get("cursors"));
        vertx.executeBlocking(() -> {
            Principal principal = accounts.authenticate(token);
            identify.identified(c, principal, cursors);
            return null;
        }, false).onFailure(t -> {
            RuntimeException e = Futures.unwrap(t);
            if (e instanceof ParleyException pe && pe.code() == ErrorCode.UNAUTHORIZED) {
                c.close(CloseCodes.BAD_TOKEN, "invalid or revoked token");
            } else {
                c.sendDirect(Frames.error(e instanceof ParleyException pe ? pe
                        : new ParleyException(ErrorCode.INTERNAL, "internal error"), null));
            }
        });
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

    private void send(Connection c, Principal p, ObjectNode d) {
        String nonce = Fields.optionalString(d, "nonce");
        try {
            if (nonce == null) {
                throw ParleyException.invalid("nonce is required");
            }
            long conversationId = Fields.requiredLong(d, "conversation_id");
            String content = Fields.requiredString(d, "content");
            Long replyTo = Fields.optionalId(d, "reply_to");
            if (draining) {
                throw new ParleyException(ErrorCode.UNAVAILABLE, "this node is shutting down; reconnect and send again");
            }
            c.sendStarted();
            c.afterPreviousSend(() -> vertx.executeBlocking(() -> messages.send(p, conversationId, content, nonce, replyTo), false))
                    .compose(f -> io.vertx.core.Future.fromCompletionStage(f))
                    .onComplete(ar -> {
                        c.sendFinished();
                        if (ar.succeeded()) {
                            ObjectNode ack = Json.object();
                            ack.put("nonce", nonce);
                            ack.set("message", Wire.message(ar.result()));
                            c.send(Frames.frame("SEND_ACK", ack));
                        } else {
                            c.send(Frames.error(asRefusal(ar.cause()), nonce));
                        }
                    });
        } catch (ParleyException e) {
            c.send(Frames.error(e, nonce));
        }
    }

    private void subscribePresence(Connection c, ObjectNode d) {
        JsonNode ids = d.get("user_ids");
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
        userIds.forEach(id -> registry.watch(c, id));
        for (PresenceView v : presence.query(userIds)) {
            c.send(Frames.presenceUpdate(v.userId(), v.status().wire()));
        }
    }

    /** Runs {@code work} on a worker; a refusal is answered with ERROR (carrying {@code nonce} if given). */
    private void blocking(Connection c, String nonce, Callable<?> work) {
        vertx.executeBlocking(work, false).onFailure(t -> c.send(Frames.error(asRefusal(t), nonce)));
    }

    private static ParleyException asRefusal(Throwable t) {
        RuntimeException e = Futures.unwrap(t);
        return e instanceof ParleyException pe ? pe : new ParleyException(ErrorCode.INTERNAL, "internal error");
    }
}
