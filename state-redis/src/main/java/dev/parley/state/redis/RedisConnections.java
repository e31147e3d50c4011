package dev.parley.state.redis;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One node's connections to Redis, shared by its Redis adapters: one set of Netty threads, one command connection
 * (thread-safe, pipelined) for every command but subscriptions, and a connection of its own for each relay's
 * subscriptions. Open it once per node and close it after the adapters.
 *
 * <p>On a lost connection: both kinds reconnect by themselves (after 20 ms, growing to at most 1 s between tries,
 * with jitter, so that many nodes do not knock at once). Meanwhile the command connection refuses commands at once,
 * and {@link #call} turns that, a timeout or any other failure to reach Redis into a {@link ParleyException} with
 * code {@code unavailable}; subscription commands instead wait, in order, and are sent once Redis is back.
 *
 * <p>Threading: every method may be called from any thread.
 */
public final class RedisConnections implements AutoCloseable {
    private static final Duration PING_TIMEOUT = Duration.ofMillis(500);

    private static final String LETTUCE_IO_URING = "io.lettuce.core.iouring";

    private final ClientResources resources;
    private final RedisClient commandClient;
    private final RedisClient subscriberClient;
    private final StatefulRedisConnection<String, String> commands;

    private RedisConnections(ClientResources resources, RedisClient commandClient, RedisClient subscriberClient) {
        this.resources = resources;
        this.commandClient = commandClient;
        this.subscriberClient = subscriberClient;
        try {
            this.commands = commandClient.connect();
        } catch (RedisException e) {
            close();
            throw new IllegalStateException("cannot reach Redis: " + e.getMessage(), e);
        }
    }

    /** Connects to the Redis at {@code url}; fails at once if it cannot be reached. */
    public static RedisConnections open(String url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        // Where both native transports load, Lettuce takes epoll and warns at every start; say so instead.
        if (System.getProperty(LETTUCE_IO_URING) == null) {
            System.setProperty(LETTUCE_IO_URING, "false");
        }
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(Delay.equalJitter(Duration.ofMillis(20), Duration.ofSeconds(1), 10, TimeUnit.MILLISECONDS))
                .build();
        SocketOptions socket = SocketOptions.builder()
                .connectTimeout(timeout.multipliedBy(2))
                .keepAlive(SocketOptions.KeepAliveOptions.builder().enable().idle(Duration.ofSeconds(10))
                        .interval(Duration.ofSeconds(5)).count(3).build())
                .build();
        RedisClient commandClient = RedisClient.create(resources, uri);
        commandClient.setOptions(ClientOptions.builder()
                .socketOptions(socket)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        RedisClient subscriberClient = RedisClient.create(resources, uri);
        subscriberClient.setOptions(ClientOptions.builder()
                .socketOptions(socket)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .build());
        return new RedisConnections(resources, commandClient, subscriberClient);
    }

    RedisCommands<String, String> sync() {
        return commands.sync();
    }

    RedisAsyncCommands<String, String> async() {
        return commands.async();
    }

    /**
     * A new connection for subscriptions, which its user closes. Commands sent while it is disconnected wait and go
     * out in order once it is back, after Lettuce has subscribed again to the channels it had; none times out.
     */
    StatefulRedisPubSubConnection<String, String> newSubscriber() {
        try {
            return subscriberClient.connectPubSub();
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    /** Runs a command on the caller's thread; a Redis that cannot be reached is a {@link ParleyException}. */
    static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisCommandExecutionException e) {
            throw new IllegalStateException("Redis refused a command: " + e.getMessage(), e);
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    static ParleyException unavailable(RuntimeException cause) {
        return new ParleyException(ErrorCode.UNAVAILABLE, "Redis is unreachable: " + cause.getMessage());
    }

    /** For readiness checks: true when Redis answers a PING within half a second. */
    public boolean isReachable() {
        try {
            return "PONG".equals(commands.async().ping().get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (commands != null) {
            commands.close();
        }
        commandClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        subscriberClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3_000);
    }
}
