package dev.parley.server.gateway;

import dev.parley.core.account.AccountService;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.Principal;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Membership;
import dev.parley.core.conversation.TypingNotifier;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
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
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.net.impl.VertxHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerConnection;
import dev.parley.server.http.HttpEdge;
import io.vertx.core.Handler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * The WebSocket gateway at /gateway: the handshake (HELLO, IDENTIFY, READY, catch-up, CATCHUP_DONE),
 * live delivery through the {@link Dispatcher}, heartbeats and identify deadlines, and draining on shutdown.
 */
public final class Gateway implements AutoCloseable {
    private static final String PATH = "/gateway";
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
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
                   MeterRegistry meters, boolean sendsOnEventLoop) {
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
        this.inbound = new Inbound(accounts, conversations, messages, typing, presence, registry, this::identified,
                sendsOnEventLoop);
        this.dispatcher = new Dispatcher(registry, streams, config.dispatchLanes(), relay.lossless(),
                () -> vertx.executeBlocking(this::rejoinMissedConversations, false));
        long sweepEvery = Math.max(50, Math.min(1_000, config.heartbeatIntervalMs() / 2));
        this.sweeper = vertx.setPeriodic(sweepEvery, id -> sweep());
        this.presenceTimer = vertx.setPeriodic(Math.max(100, Math.min(1_000, config.presenceLeaseMs() / 3)),
                id -> vertx.executeBlocking(this::keepPresence, false));
    }

    /** How many sockets this node holds (its load, for the node directory). */
    public int connections() {
        return registry.size();
    }

    /** What this node's relay brings goes here. */
    public RelayListener relayListener() {
        return dispatcher;
    }

    /**
     * Takes the upgrade at {@code /gateway} straight from the HTTP server, outside the router, so nothing of the
     * request (routing context, body handler, timers) stays alive with the socket. Any other request goes on to
     * {@code next} (the router).
     */
    public Handler<HttpServerRequest> upgrades(Handler<HttpServerRequest> next) {
        return request -> {
            if (!PATH.equals(request.path())) {
                next.handle(request);
                return;
            }
            HttpEdge.secure(request.response());
            if (draining) {
                Endpoints.answer(request.response(), new ParleyException(ErrorCode.UNAVAILABLE, "this node is shutting down"));
                return;
            }
            String problem = upgradeProblem(request);
            if (problem != null) {
                request.response().putHeader("Sec-WebSocket-Version", "13");
                Endpoints.answer(request.response(), ParleyException.invalid(problem));
                return;
            }
            ChannelPipeline pipeline = ((HttpServerConnection) request.connection()).channelHandlerContext().pipeline();
            Context context = vertx.getOrCreateContext();
            if (!(context instanceof ContextInternal internal) || internal.nettyEventLoop() != pipeline.channel().eventLoop()) {
                throw new IllegalStateException("the upgrade is not on its channel's event loop");
            }
            request.toWebSocket().onSuccess(socket -> {
                if (internal.isRunningOnContext()) {
                    open(pipeline, context);
                } else {
                    internal.execute(() -> open(pipeline, context));
                }
            }).onFailure(t -> {
                if (!request.response().ended()) {
                    Endpoints.answer(request.response(), ParleyException.invalid("a WebSocket upgrade is required"));
                }
            });
        };
    }

    /**
     * Why a request is not a WebSocket upgrade this gateway accepts (RFC 6455, version 13), or null. Checked here
     * so that a broken upgrade is answered in the contract's shape rather than by the WebSocket layer in plain text.
     */
    private static String upgradeProblem(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET || !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            return "a WebSocket upgrade is required";
        }
        String connection = request.getHeader("Connection");
        if (connection == null || Arrays.stream(connection.split(",")).noneMatch(t -> t.strip().equalsIgnoreCase("upgrade"))) {
            return "a WebSocket upgrade needs Connection: Upgrade";
        }
        if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            return "the gateway speaks WebSocket version 13";
        }
        String key = request.getHeader("Sec-WebSocket-Key");
        try {
            if (key == null || Base64.getDecoder().decode(key.strip()).length != 16) {
                return "Sec-WebSocket-Key must be 16 bytes in base64";
            }
        } catch (IllegalArgumentException notBase64) {
            return "Sec-WebSocket-Key must be 16 bytes in base64";
        }
        return null;
    }

    /**
     * Once the handshake is answered, on the channel's event loop: Vert.x's WebSocket handler is replaced by a
     * {@link GatewaySocket}, so that the socket is held by the channel and its {@link Connection} alone (Vert.x's
     * WebSocket objects with their queues and the upgrade request go to the garbage collector), and a
     * {@link FrameGate} goes in front of the frame decoder.
     */
    private void open(ChannelPipeline pipeline, Context context) {
        GatewaySocket socket = new GatewaySocket(pipeline.channel());
        Connection c = new Connection(socket, context, clock.millis(), config.outboundQueueFrames(), metrics);
        TextMessages texts = new TextMessages(c, inbound, config.maxFrameBytes());
        socket.listen(new GatewaySocket.Listener() {
            @Override
            public void text(ByteBuf data, boolean last) {
                if (frameLimiter.tryAcquire(Long.toString(c.id), config.framesPerConnection()) > 0) {
                    c.close(CloseCodes.RATE_LIMITED, "too many frames");
                    return;
                }
                texts.frame(data, last, clock.millis());
            }

            @Override
            public void writable() {
                c.drain();
            }

            @Override
            public void closed() {
                c.closed();
                release(c);
            }
        });
        pipeline.replace(VertxHandler.class, GatewaySocket.NAME, socket);
        IntSupplier budget = () -> c.state() == Connection.State.AWAITING_IDENTIFY
                ? config.maxIdentifyBytes() : config.hardLimitBytes();
        pipeline.addBefore(pipeline.context(WebSocketFrameDecoder.class).name(), FrameGate.NAME,
                new FrameGate(budget, c::close));
        pipeline.channel().config().setAutoRead(true);
        registry.add(c);
        if (!pipeline.channel().isActive()) {
            c.closed();
            release(c);
            return;
        }
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
            Lease gone = lease(c);
            vertx.executeBlocking(() -> {
                presence.disconnected(gone);
                return null;
            }, false).onFailure(t -> LOG.warn("could not end the presence lease of a closed socket (it runs out by itself): {}",
                    t.toString()));
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
