package dev.parley.server;

import dev.parley.core.account.AccountClosing;
import dev.parley.core.account.AccountEvents;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.AdminService;
import dev.parley.core.account.BotService;
import dev.parley.core.account.Invite;
import dev.parley.core.account.PasswordResets;
import dev.parley.core.account.Registration;
import dev.parley.core.account.SingleSignOn;
import dev.parley.core.account.Tokens;
import dev.parley.core.account.User;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.TypingNotifier;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.EventPublisher;
import dev.parley.core.event.EventRelay;
import dev.parley.core.event.LogListener;
import dev.parley.core.event.Topic;
import dev.parley.core.id.Snowflake;
import dev.parley.core.message.MessageService;
import dev.parley.core.notification.PushNotifier;
import dev.parley.core.notification.PushSubscriptions;
import dev.parley.core.presence.PresenceService;
import dev.parley.core.ratelimit.RateLimitGate;
import dev.parley.server.backend.Engines;
import dev.parley.server.backend.Logs;
import dev.parley.server.backend.Relays;
import dev.parley.server.backend.SharedState;
import dev.parley.server.backend.Stores;
import dev.parley.server.cache.CacheInvalidation;
import dev.parley.server.cluster.NodeLease;
import dev.parley.server.cache.CachingAccountStore;
import dev.parley.server.cache.CachingConversationStore;
import dev.parley.server.config.NodeConfig;
import dev.parley.server.config.PushConfig;
import dev.parley.server.gateway.Gateway;
import dev.parley.server.http.AccountRoutes;
import dev.parley.server.http.AdminRoutes;
import dev.parley.server.http.BotRoutes;
import dev.parley.server.http.ConversationRoutes;
import dev.parley.server.http.Endpoints;
import dev.parley.server.http.HttpApi;
import dev.parley.server.http.HttpListeners;
import dev.parley.server.http.MessageRoutes;
import dev.parley.server.http.OpsRoutes;
import dev.parley.server.http.PresenceRoutes;
import dev.parley.server.http.PushRoutes;
import dev.parley.server.http.UserRoutes;
import dev.parley.server.metrics.NodeMetrics;
import dev.parley.server.http.Transports;
import dev.parley.server.oidc.OidcRoutes;
import dev.parley.server.oidc.OidcSignIn;
import dev.parley.server.push.Vapid;
import dev.parley.server.push.WebPushSender;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens each port family from its factory (chosen by the family's {@code type}
 * setting), wires the services and the edges, starts the node, and stops it.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final int CACHE_ENTRIES = 100_000;

    private final NodeConfig config;
    private final Vertx vertx;
    private final Transport transport;
    private final Engines engines;
    private final Relays relays;
    private final SharedState state;
    private final Stores stores;
    private final Logs logs;
    private final NodeLease lease;
    private final Gateway gateway;
    private final HttpServerOptions serverOptions;
    private final Router router;
    private final HttpListeners listeners;
    private final ExecutorService pushPool;
    private final ExecutorService restCalls = restCalls();
    private final CompletableFuture<Void> leaseLost = new CompletableFuture<>();
    private final Optional<Invite> setupInvite;
    private volatile boolean closed;

    private Node(NodeConfig config, UnaryOperator<EventRelay> relayWrapper) {
        this.config = config;
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        NodeMetrics metrics = new NodeMetrics();
        this.engines = new Engines(config);
        this.relays = Relays.open(config, engines);
        this.state = SharedState.open(config, engines, clock);
        this.stores = Stores.open(config, engines);
        EventRelay relay = relayWrapper.apply(relays.relay());
        EventPublisher publisher = new EventPublisher(relay);
        CachingAccountStore accountStore = new CachingAccountStore(stores.accounts(), CACHE_ENTRIES);
        CachingConversationStore conversationStore = new CachingConversationStore(stores.conversations(), CACHE_ENTRIES);
        Optional<Vapid> vapid = Vapid.load(config.push(), config.dataDir(), !"sqlite".equals(config.storeType()),
                config.publicUrl());
        this.pushPool = vapid.isPresent() ? pushPool(config.push()) : null;
        LogListener push = vapid.<LogListener>map(v -> new PushNotifier(stores.pushSubscriptions(), conversationStore,
                accountStore, state.presence(), new WebPushSender(v, clock, config.push().ttlSeconds()), pushPool, clock,
                Duration.ofSeconds(config.push().collapseSeconds()))).orElse(LogListener.NONE);
        this.logs = Logs.open(config, engines, events -> {
            publisher.committed(events);
            metrics.committed(events);
            push.committed(events);
        });
        this.transport = Transports.choose(config.transport());
        this.vertx = Vertx.builder().withTransport(transport).build();

        this.lease = NodeLease.claim(state.directory(), config.nodeId(), Duration.ofMillis(config.nodeLeaseMs()), clock);
        Snowflake ids = new Snowflake(clock, lease.nodeId());
        RateLimitGate gate = new RateLimitGate(state.limiter());
        ConversationService conversations = new ConversationService(conversationStore, accountStore, logs.messages(),
                logs.log(), publisher, ids, clock);
        AccountEvents accountEvents = new AccountEvents() {
            @Override
            public void sessionRevoked(long userId, long sessionId) {
                publisher.publish(new Ephemeral.SessionRevoked(userId, sessionId));
            }

            @Override
            public void profileChanged(User user) {
                publisher.publish(new Ephemeral.ProfileChanged(user, conversations.audience(user.id())));
            }
        };
        SecureRandom random = new SecureRandom();
        Tokens tokens = new Tokens(random);
        AccountService accounts = new AccountService(accountStore, new BcryptPasswordHasher(config.bcryptCost()),
                tokens, ids, gate, config.rateLimits(), accountEvents, clock);
        Registration registration = new Registration(accounts, accountStore, stores.invites(), config.registrationMode(), clock);
        AdminService admins = new AdminService(accountStore, stores.invites(), accounts, config.adminUsernames(), random, clock);
        PasswordResets resets = new PasswordResets(admins, accounts, stores.tickets(), tokens, clock);
        AccountClosing closing = new AccountClosing(accountStore, accounts, conversations::leaveEveryChannel, accountEvents);
        BotService bots = new BotService(accountStore, closing, tokens, ids, accountEvents, clock);
        SingleSignOn signOn = new SingleSignOn(accountStore, accounts, registration, ids, random, clock);
        OidcSignIn oidc = new OidcSignIn(config.oidcProviders(), signOn, accounts, stores.tickets(), random, clock);
        MessageService messages = new MessageService(logs.messages(), conversations, accountStore, logs.log(), gate,
                config.rateLimits(), ids, clock);
        TypingNotifier typing = new TypingNotifier(conversations, publisher, state.limiter(), config.rateLimits().typingPerUser());
        PresenceService presence = new PresenceService(state.presence(), accountStore, publisher, conversations::audience,
                clock, Duration.ofMillis(config.gateway().presenceGraceMs()), Duration.ofMillis(config.gateway().presenceLeaseMs()));
        this.gateway = new Gateway(vertx, config.gateway(), clock, relay, accounts, accountStore, conversations,
                conversationStore, messages, logs.messages(), typing, presence, metrics.registry(),
                "sqlite".equals(config.storeType()) && "sqlite".equals(config.logType()) && "local".equals(config.stateType()));
        relay.listen(new CacheInvalidation(accountStore, conversationStore, gateway.relayListener()));
        relay.subscribe(Topic.ALL).join();

        Endpoints endpoints = new Endpoints(vertx, restCalls, accounts, config.passwordHashThreads(), config.passwordHashQueue());
        List<Consumer<Router>> api = List.of(
                new AccountRoutes(accounts, registration, resets, closing, endpoints)::mount,
                new OidcRoutes(vertx, oidc, registration, endpoints, config.publicUrl())::mount,
                new AdminRoutes(admins, resets, endpoints, config.publicUrl())::mount,
                new BotRoutes(bots, endpoints)::mount,
                new UserRoutes(accounts, admins, endpoints)::mount,
                new ConversationRoutes(conversations, endpoints)::mount,
                new MessageRoutes(messages, conversations, endpoints)::mount,
                new PresenceRoutes(presence, endpoints, config.publicUrl(), lease::leastLoaded)::mount,
                new PushRoutes(vapid.map(v -> new PushSubscriptions(stores.pushSubscriptions(), ids, clock,
                        config.push().allowHttp())).orElse(null), vapid.map(Vapid::publicKeyBase64).orElse(null),
                        endpoints)::mount);
        List<Consumer<Router>> root = List.of(new OpsRoutes(vertx, metrics, this::ready)::mount);
        this.router = HttpApi.build(vertx, config.maxBodyBytes(), metrics.httpTimer(), api, root);
        int wsLimit = config.gateway().hardLimitBytes();
        // No WebSocket compression: an inflated frame can be a thousand times its wire size, and every limit here
        // counts what arrives. Chat frames are small; the gateway's FrameGate refuses compressed frames (1002).
        this.serverOptions = new HttpServerOptions()
                .setHost(config.httpHost())
                .setPort(config.httpPort())
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setMaxWebSocketFrameSize(wsLimit)
                .setMaxWebSocketMessageSize(wsLimit)
                .setWebSocketClosingTimeout(5);
        this.listeners = new HttpListeners(vertx);
        this.setupInvite = admins.setupInviteIfNoAdmin();
    }

    /** Where new messages' pushes are worked out and sent: bounded, so a burst drops pushes rather than piling up. */
    private static ExecutorService pushPool(PushConfig push) {
        ThreadFactory threads = Thread.ofPlatform().name("parley-push-", 0).daemon(true).factory();
        return new ThreadPoolExecutor(push.threads(), push.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(push.queue()), threads, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Where REST calls run (see {@link Endpoints}): as many threads as Vert.x's worker pool has, and no spare ones
     * started when a call blocks (a fork-join pool would start them for a call waiting on a lock or a queue).
     */
    static ExecutorService restCalls() {
        int threads = VertxOptions.DEFAULT_WORKER_POOL_SIZE;
        AtomicInteger next = new AtomicInteger();
        return new ForkJoinPool(threads, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("parley-rest-" + next.getAndIncrement());
            return t;
        }, null, true, 0, threads, 1, pool -> true, 60, TimeUnit.SECONDS);
    }

    /** Builds a node and waits until it listens. */
    public static Node start(NodeConfig config) {
        return start(config, UnaryOperator.identity());
    }

    /** Builds a node whose relay is wrapped (tests inject relay faults this way) and waits until it listens. */
    public static Node start(NodeConfig config, UnaryOperator<EventRelay> relayWrapper) {
        Node node = new Node(config, relayWrapper);
        try {
            node.listeners.start(node.serverOptions, node.gateway.upgrades(node.router), config.eventLoops());
            LOG.info("node {} serving on {} event loops over the {} transport", node.lease.nodeId(), config.eventLoops(),
                    node.transport());
            node.lease.start(node::url, node.gateway::connections,
                    () -> Thread.ofPlatform().name("parley-lost-lease").start(() -> {
                        node.close();
                        node.leaseLost.complete(null);
                    }));
        } catch (Exception e) {
            node.close();
            throw new IllegalStateException("cannot listen on " + config.httpHost() + ":" + config.httpPort() + ": " + e.getMessage(), e);
        }
        return node;
    }

    /** Completes once this node stopped itself because another node took its node id. */
    public CompletableFuture<Void> leaseLost() {
        return leaseLost;
    }

    /** The network transport the event loops use (io_uring, epoll or nio). */
    public String transport() {
        return transport.name();
    }

    public int port() {
        return listeners.port();
    }

    /** The address to open in a browser. */
    public String url() {
        if (config.publicUrl() != null) {
            return config.publicUrl();
        }
        String host = config.httpHost().equals("0.0.0.0") ? "127.0.0.1" : config.httpHost();
        return "http://" + host + ":" + port();
    }

    /**
     * While no account can administer this node: the line to print at start, {@code Parley setup: open URL to create
     * the first admin account}, whose URL carries a one-time invite that makes its user an admin.
     */
    public Optional<String> setupLine() {
        return setupInvite.map(i -> "Parley setup: open " + url() + "/#invite=" + i.code() + " to create the first admin account");
    }

    private boolean ready() {
        return !closed && stores.ready().getAsBoolean() && logs.ready().getAsBoolean()
                && relays.ready().getAsBoolean() && state.ready().getAsBoolean();
    }

    /**
     * Stops gracefully: the gateway tells clients to reconnect and lets sends under way finish, the listener
     * closes, the log commits what it holds, and the engines close last.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        lease.close();
        gateway.close();
        try {
            listeners.close();
        } catch (Exception e) {
            // the listener may already be closed; the log and engines still must be
        }
        logs.close();
        if (pushPool != null) {
            pushPool.shutdownNow();
        }
        restCalls.shutdownNow();
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: the engines are closed below either way
        }
        relays.close();
        state.close();
        stores.close();
        engines.close();
    }
}
