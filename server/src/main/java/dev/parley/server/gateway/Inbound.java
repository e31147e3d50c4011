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
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageService;
import dev.parley.core.presence.PresenceService;
import dev.parley.core.presence.PresenceView;
import dev.parley.server.http.Json;
import dev.parley.server.http.Wire;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Reads client frames and answers them. Work that blocks runs on worker threads; answers go through the connection's
 * queue. A SEND on a node whose engines are all in the process (SQLite, local limits) is checked and handed to the
 * log on the socket's event loop unless it names people: its checks are cache and memory look-ups (a cache miss is a
 * point read of the local database) and the hand-over only queues the entry, so a worker thread would add a hand-off,
 * and its wake-up, to the send's latency and nothing else.
 */
final class Inbound {
    /** What identifying a connection involves beyond this class: registering it and replaying what it missed. */
    interface Identify {
        void identified(Connection c, Principal principal, Map<Long, Long> cursors);
    }

    private final AccountService accounts;
    private final ConversationService conversations;
    private final MessageService messages;
    private final TypingNotifier typing;
    private final PresenceService presence;
    private final ConnectionRegistry registry;
    private final Identify identify;
    private final boolean sendsOnEventLoop;
    private volatile boolean draining;

    Inbound(AccountService accounts, ConversationService conversations, MessageService messages,
            TypingNotifier typing, PresenceService presence, ConnectionRegistry registry, Identify identify,
            boolean sendsOnEventLoop) {
        this.accounts = accounts;
        this.conversations = conversations;
        this.messages = messages;
        this.typing = typing;
        this.presence = presence;
        this.registry = registry;
        this.identify = identify;
        this.sendsOnEventLoop = sendsOnEventLoop;
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
            String op = object.get("op").textValue();
            ObjectNode data = d instanceof ObjectNode o ? o : Json.object();
            if (c.principal() == null && ClientFrame.AFTER_IDENTIFY.contains(op)) {
                throw new ParleyException(ErrorCode.UNAUTHORIZED, "IDENTIFY first");
            }
            ClientFrame parsed;
            try {
                parsed = ClientFrame.parse(op, data);
            } catch (ParleyException refused) {
                c.sendDirect(Frames.error(refused, op.equals("SEND") ? ClientFrame.nonceOf(data) : null));
                return;
            }
            handle(c, parsed);
        } catch (ParleyException e) {
            c.sendDirect(Frames.error(e, null));
        }
    }

    /** Answers a parsed frame; every op but HEARTBEAT and IDENTIFY comes from an identified socket. */
    private void handle(Connection c, ClientFrame frame) {
        Principal p = c.principal();
        switch (frame) {
            case ClientFrame.Heartbeat h -> c.sendDirect(Frames.empty("HEARTBEAT_ACK"));
            case ClientFrame.Identify i -> identify(c, i);
            case ClientFrame.Send send -> send(c, p, send);
            case ClientFrame.Typing t -> blocking(c, null, () -> typing.typing(p, t.conversationId()));
            case ClientFrame.Read r -> blocking(c, null, () -> conversations.markRead(p, r.conversationId(), r.seq(), c.tag));
            case ClientFrame.SetStatus s -> blocking(c, null, () -> {
                presence.choose(p.userId(), s.status());
                return null;
            });
            case ClientFrame.SubscribePresence s -> subscribePresence(c, s.userIds());
        }
    }

    private void identify(Connection c, ClientFrame.Identify frame) {
        if (c.state() != Connection.State.AWAITING_IDENTIFY) {
            throw ParleyException.invalid("already identified");
        }
        c.context.executeBlocking(() -> {
            Principal principal = accounts.authenticate(frame.token());
            identify.identified(c, principal, frame.cursors());
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

    private void send(Connection c, Principal p, ClientFrame.Send send) {
        String nonce = send.nonce();
        if (draining) {
            c.send(Frames.error(new ParleyException(ErrorCode.UNAVAILABLE,
                    "this node is shutting down; reconnect and send again"), nonce));
            return;
        }
        c.sendStarted();
        Callable<CompletableFuture<Message>> handOver =
                () -> messages.send(p, send.conversationId(), send.content(), nonce, send.replyTo());
        // a message naming people looks each name up: with many names, and cold caches, that is work for a worker
        boolean here = sendsOnEventLoop && send.content().indexOf('@') < 0;
        c.afterPreviousSend(() -> here ? onThisThread(handOver) : c.context.executeBlocking(handOver, false))
                .compose(f -> Future.fromCompletionStage(f))
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
    }

    private static <T> Future<T> onThisThread(Callable<T> work) {
        try {
            return Future.succeededFuture(work.call());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    private void subscribePresence(Connection c, List<Long> userIds) {
        userIds.forEach(id -> registry.watch(c, id));
        for (PresenceView v : presence.query(userIds)) {
            c.send(Frames.presenceUpdate(v.userId(), v.status().wire()));
        }
    }

    /** Runs {@code work} on a worker; a refusal is answered with ERROR (carrying {@code nonce} if given). */
    private void blocking(Connection c, String nonce, Callable<?> work) {
        c.context.executeBlocking(work, false).onFailure(t -> c.send(Frames.error(asRefusal(t), nonce)));
    }

    private static ParleyException asRefusal(Throwable t) {
        RuntimeException e = Futures.unwrap(t);
        return e instanceof ParleyException pe ? pe : new ParleyException(ErrorCode.INTERNAL, "internal error");
    }
}
