package dev.parley.server;

import dev.parley.core.account.AccountEvents;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.Tokens;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.TypingNotifier;
import dev.parley.core.event.ConversationLog;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.EventRelay;
import dev.parley.core.event.LocalEventRelay;
import dev.parley.core.id.Snowflake;
import dev.parley.core.message.MessageService;
import dev.parley.core.presence.LocalPresenceStore;
import dev.parley.core.presence.PresenceService;
import dev.parley.core.ratelimit.LocalRateLimiter;
import dev.parley.core.ratelimit.RateLimitGate;
import dev.parley.server.cache.CachingAccountStore;
import dev.parley.server.config.NodeConfig;
import dev.parley.server.gateway.Gateway;
import dev.parley.server.http.AccountRoutes;
import dev.parley.server.http.ConversationRoutes;
import dev.parley.server.http.Endpoints;
import dev.parley.server.http.HttpApi;
import dev.parley.server.http.HttpListeners;
import dev.parley.server.http.MessageRoutes;
import dev.parley.server.http.OpsRoutes;
import dev.parley.server.http.PresenceRoutes;
import dev.parley.server.http.UserRoutes;
import dev.parley.server.metrics.NodeMetrics;
import dev.parley.store.sqlite.SqliteAccountStore;
import dev.parley.store.sqlite.SqliteConversationStore;
import dev.parley.store.sqlite.SqliteDatabase;
import dev.parley.store.sqlite.SqliteMessageLog;
import dev.parley.store.sqlite.SqliteMessageStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The composition root: wires one node from its config, starts it, and stops it. */
public final class Node implements AutoCloseable {
    private final NodeConfig config;
    private final Vertx vertx;
    private final SqliteDatabase db;
    private final SqliteMessageLog log;
    private final ScheduledExecutorService scheduler;
    private final Gateway gateway;
    private final HttpServerOptions serverOptions;
    private final Router router;
    private final HttpListeners listeners;
    private volatile boolean closed;

    private Node(NodeConfig config) {
        this.config = config;
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        this.db = new SqliteDatabase(config.dataDir().resolve("parley.db"), config.sqlite());
        this.log = new SqliteMessageLog(db, config.sqlite().maxBatch());
        this.vertx = Vertx.vertx();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-timers");
            t.setDaemon(true);
            return t;
        });

        NodeMetrics metrics = new NodeMetrics();
        EventRelay relay = new LocalEventRelay();
        relay.subscribe(metrics::onEvent);
        Snowflake ids = new Snowflake(clock, config.nodeId());
        LocalRateLimiter limiter = new LocalRateLimiter(clock);
        RateLimitGate gate = new RateLimitGate(limiter);
        AccountStore accountStore = new CachingAccountStore(new SqliteAccountStore(db), 100_000);
        ConversationStore conversationStore = new SqliteConversationStore(db);
        SqliteMessageStore messageStore = new SqliteMessageStore(db);
        ConversationLog conversationLog = new ConversationLog(log, relay);
        AccountEvents accountEvents = new AccountEvents() {
            @Override
            public void sessionRevoked(long userId, long sessionId) {
                relay.publish(new Ephemeral.SessionRevoked(userId, sessionId));
            }

            @Override
            public void profileChanged(dev.parley.core.account.User user) {
                relay.publish(new Ephemeral.ProfileChanged(user));
            }
        };

        AccountService accounts = new AccountService(accountStore, new BcryptPasswordHasher(config.bcryptCost()),
                new Tokens(new SecureRandom()), ids, gate, config.rateLimits(), accountEvents, clock);
        ConversationService conversations = new ConversationService(conversationStore, accountStore, messageStore,
                conversationLog, ids, clock);
        MessageService messages = new MessageService(messageStore, conversations, accountStore, conversationLog, gate,
                config.rateLimits(), ids, clock);
        TypingNotifier typing = new TypingNotifier(conversations, conversationLog, limiter, config.rateLimits().typingPerUser());
        PresenceService presence = new PresenceService(new LocalPresenceStore(), relay, clock, scheduler,
                Duration.ofMillis(config.gateway().presenceGraceMs()));
        this.gateway = new Gateway(vertx, config.gateway(), clock, relay, accounts, accountStore, conversations,
                conversationStore, messages, messageStore, typing, presence, metrics.registry());

        Endpoints endpoints = new Endpoints(vertx, accounts, config.passwordHashThreads(), config.passwordHashQueue());
        List<Consumer<Router>> api = List.of(
                new AccountRoutes(accounts, endpoints)::mount,
                new UserRoutes(accounts, endpoints)::mount,
                new ConversationRoutes(conversations, endpoints)::mount,
                new MessageRoutes(messages, conversations, endpoints)::mount,
                new PresenceRoutes(presence, endpoints, config.publicUrl())::mount);
        List<Consumer<Router>> root = List.of(new OpsRoutes(vertx, metrics, this::ready)::mount, gateway::mount);
        Router router = HttpApi.build(vertx, config.maxBodyBytes(), metrics.httpTimer(), api, root);
        int wsLimit = config.gateway().hardLimitBytes();
        this.router = router;
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
    }

    /** Builds a node and waits until it listens. */
    public static Node start(NodeConfig config) {
        Node node = new Node(config);
        try {
            node.listeners.start(node.serverOptions, node.router, config.eventLoops());
        } catch (Exception e) {
            node.close();
            throw new IllegalStateException("cannot listen on " + config.httpHost() + ":" + config.httpPort() + ": " + e.getMessage(), e);
        }
        return node;
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

    private boolean ready() {
        return !closed && db.read(c -> c.createStatement().execute("SELECT 1"));
    }

    /**
     * Stops gracefully: the gateway tells clients to reconnect and lets sends under way finish, the listener
     * closes, the log commits what it holds, and the database closes last.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        gateway.close();
        try {
            listeners.close();
        } catch (Exception e) {
            // the listener may already be closed; the log and database still must be
        }
        log.close();
        scheduler.shutdownNow();
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: the database is closed below either way
        }
        db.close();
    }
}
