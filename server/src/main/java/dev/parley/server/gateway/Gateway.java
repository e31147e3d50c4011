package dev.parley.server.gateway;

import dev.parley.core.account.AccountService;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.Principal;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Membership;
import dev.parley.core.conversation.TypingNotifier;
import dev.parley.core.event.EventRelay;
import dev.parley.core.event.RelayListener;
import dev.parley.core.presence.Lease;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.MessageStore;
import dev.parley.core.presence.PresenceService;
import dev.parley.core.ratelimit.LocalRateLimiter;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.server.config.GatewayConfig;
import dev.parley.server.http.Endpoints;
import dev.parley.server.http.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import java.time.Clock;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The WebSocket gateway at /gateway: the handshake (HELLO, IDENTIFY, READY, catch-up, CATCHUP_DONE),
 * live delivery through the {@link Dispatcher}, heartbeats and identify deadlines, and draining on shutdown.
 */
public final class Gateway implements AutoCloseable {
    private static final int IDENTIFY_SUBSCRIBE_SECONDS = 10;

    private final Vertx vertx;
    private final GatewayConfig config;
    private final Clock clock;
    private final ConnectionRegistry registry;
    private final ConversationStreams streams;
    private final ConversationStore conversationStore;
    private final ConversationService conversations;
    private final PresenceService presence;
    private final CatchUp catchUp;
    private final Inbound inbound;
    private final Dispatcher dispatcher;
    private final GatewayMetrics metrics;
    private final RateLimiter frameLimiter;
    private final long sweeper;
    private final long presenceTimer;
    /** Names this node's connections uniquely across nodes and restarts (presence leases). */
    private final String instance = Long.toHexString(new java.security.SecureRandom().nextLong());
    private volatile boolean draining;

    public Gateway(Vertx vertx, GatewayConfig config, Clock clock, EventRelay relay, AccountService accounts,
                   AccountStore accountStore, ConversationService conversations, ConversationStore conversationStore,
                   MessageService messages, MessageStore messageStore, TypingNotifier typing, PresenceService presence,
                   MeterRegistry meters) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.conversationStore = conversationStore;
        this.conversations = conversations;
        this.presence = presence;
        this.registry = new ConnectionRegistry(relay);
        this.metrics = new GatewayMetrics(meters, clock, registry::size);
        this.frameLimiter = new LocalRateLimiter(clock);
        this.streams = new ConversationStreams(relay, messageStore, registry, config.repairGapMs(), config.repairTailMs());
        this.catchUp = new CatchUp(accountStore, conversations, messageStore, config.catchupLimit());
        this.inbound = new Inbound(vertx, accounts, conversations, messages, typing, presence, registry, this::identified,
                config.maxFrameBytes());
        this.dispatcher = new Dispatcher(registry, streams, config.dispatchLanes(),
                () -> vertx.executeBlocking(this::rejoinMissedConversations, false));
        long sweepEvery = Math.max(50, Math.min(1_000, config.heartbeatIntervalMs() / 2));
        this.sweeper = vertx.setPeriodic(sweepEvery, id -> sweep());
        this.presenceTimer = vertx.setPeriodic(Math.max(100, Math.min(1_000, config.presenceLeaseMs() / 3)),
                id -> vertx.executeBlocking(this::keepPresence, false));
    }

    /** What this node's relay brings goes here. */
    public RelayListener relayListener() {
        return dispatcher;
    }

    public void mount(Router root) {
        root.route("/gateway").handler(ctx -> {
            if (draining) {
                Endpoints.fail(ctx, new dev.parley.core.error.ParleyException(dev.parley.core.error.ErrorCode.UNAVAILABLE,
                        "this node is shutting down"));
                return;
            }
            ctx.request().toWebSocket().onSuccess(this::open).onFailure(t -> {
                if (!ctx.response().ended()) {
                    Endpoints.fail(ctx, dev.parley.core.error.ParleyException.invalid("a WebSocket upgrade is required"));
                }
            });
        });
    }

    private void open(ServerWebSocket socket) {
        Context context = vertx.getOrCreateContext();
        Connection c = new Connection(socket, context, clock.millis(), config.outboundQueueFrames(), metrics);
        registry.add(c);
        socket.drainHandler(v -> c.drain());
        socket.textMessageHandler(text -> {
            if (frameLimiter.tryAcquire(Long.toString(c.id), config.framesPerConnection()) > 0) {
                c.close(CloseCodes.RATE_LIMITED, "too many frames");
                return;
            }
            inbound.onText(c, text, clock.millis());
        });
        socket.binaryMessageHandler(b -> c.close(CloseCodes.MALFORMED_FRAME, "frames must be JSON text"));
        socket.exceptionHandler(t -> { });
        socket.closeHandler(v -> {
            c.closed();
            release(c);
        });
        c.sendDirect(Frames.frame("HELLO", Json.object().put("heartbeat_interval_ms", config.heartbeatIntervalMs())));
    }

    /**
     * On a worker thread, after the token checked out: the user's topic and every conversation's stream go live
     * here first (so nothing committed after the reads below can be missed), then presence counts the
     * connection, then READY and the replay are read, and the connection goes live.
     */
    private void identified(Connection c, Principal principal, Map<Long, Long> cursors) {
        if (!c.beginCatchUp(principal)) {
            return;
        }
        List<CompletableFuture<Void>> live = new ArrayList<>();
        live.add(registry.identified(c, principal.userId()));
        for (Membership m : conversationStore.membershipsOf(principal.userId())) {
            if (principal.scope().covers(m.conversationId())) {
                live.add(streams.join(c, m.conversationId(), null));
            }
        }
        try {
            CompletableFuture.allOf(live.toArray(CompletableFuture[]::new)).get(IDENTIFY_SUBSCRIBE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ErrorCode.UNAVAILABLE, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            release(c);
            throw new ParleyException(ErrorCode.UNAVAILABLE, "this node cannot reach its event relay; try again");
        }
        if (c.presenceCounted.compareAndSet(false, true)) {
            presence.connected(lease(c));
        }
        CatchUp.Result result = catchUp.build(principal, cursors);
        c.goLive(result.frames(), result.coveredUpTo());
        if (c.state() == Connection.State.CLOSED) {
            release(c);
        }
    }

    private Lease lease(Connection c) {
        return new Lease(c.principal().userId(), instance + "-" + c.id);
    }

    /** Forgets a closed connection; safe to call more than once. */
    private void release(Connection c) {
        registry.remove(c);
        for (Long conversationId : List.copyOf(c.conversations)) {
            streams.leave(c, conversationId);
        }
        if (c.presenceCounted.compareAndSet(true, false)) {
            presence.disconnected(lease(c));
        }
    }

    /**
     * After the relay may have lost events: a membership event lost for a conversation this node had no stream
     * for would leave a new member's sockets without it, so each live connection's memberships are read again and
     * any it lacks is joined (the gateway sends it as a new conversation).
     */
    private Void rejoinMissedConversations() {
        for (Connection c : registry.all()) {
            if (c.state() != Connection.State.LIVE) {
                continue;
            }
            for (Membership m : conversationStore.membershipsOf(c.principal().userId())) {
                if (!c.conversations.contains(m.conversationId()) && c.principal().scope().covers(m.conversationId())) {
                    try {
                        var view = conversations.view(c.principal().userId(), m.conversationId());
                        streams.join(c, m.conversationId(), view.lastSeq());
                        c.send(Frames.conversationCreate(view));
                    } catch (ParleyException gone) {
                        // left or deleted meanwhile: its events say so
                    }
                }
            }
        }
        return null;
    }

    /** Renews the leases of this node's counted connections and announces what ran out anywhere. */
    private Void keepPresence() {
        List<Lease> held = new ArrayList<>();
        for (Connection c : registry.all()) {
            if (c.presenceCounted.get() && c.state() != Connection.State.CLOSED) {
                held.add(lease(c));
            }
        }
        if (!held.isEmpty()) {
            presence.renew(held);
        }
        presence.sweep();
        return null;
    }

    private void sweep() {
        long now = clock.millis();
        for (Connection c : registry.all()) {
            if (c.state() == Connection.State.AWAITING_IDENTIFY) {
                if (now - c.openedAtMs > config.identifyTimeoutMs()) {
                    c.close(CloseCodes.NOT_IDENTIFIED, "IDENTIFY not received in time");
                }
            } else if (c.state() != Connection.State.CLOSED && now - c.lastHeardMs() > config.heartbeatTimeoutMs()) {
                c.close(CloseCodes.HEARTBEAT_TIMEOUT, "no heartbeat");
            }
        }
    }

    /**
     * Drains this node: refuses new sockets and sends, tells every client to RECONNECT, lets sends under way
     * finish (their SEND_ACK still goes out), then closes every socket. Bounded by the shutdown grace.
     */
    @Override
    public void close() {
        draining = true;
        inbound.drain();
        vertx.cancelTimer(sweeper);
        vertx.cancelTimer(presenceTimer);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownGraceMs());
        String reconnect = Frames.empty("RECONNECT");
        List.copyOf(registry.all()).forEach(c -> c.sendDirect(reconnect));
        waitUntil(() -> registry.all().stream()
                .allMatch(c -> c.state() == Connection.State.CLOSED || (c.inFlightSends() == 0 && c.flushed())), deadline);
        List.copyOf(registry.all()).forEach(c -> c.close(CloseCodes.GOING_AWAY, "node shutting down"));
        waitUntil(() -> registry.size() == 0, deadline);
        dispatcher.close();
        streams.close();
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, long deadlineNanos) {
        while (!done.getAsBoolean() && System.nanoTime() < deadlineNanos) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
