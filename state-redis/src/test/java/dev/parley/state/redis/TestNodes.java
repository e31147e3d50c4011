package dev.parley.state.redis;

import dev.parley.engines.RedisExtension;
import dev.parley.testkit.UniqueIds;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the Redis tests share: connections standing for two nodes ({@link #here()} and {@link #there()}, opened for
 * a test class when registered after the {@link RedisExtension}), and a fresh key prefix per test.
 */
final class TestNodes implements BeforeAllCallback, AfterAllCallback {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RedisExtension redis;
    private RedisConnections here;
    private RedisConnections there;

    TestNodes(RedisExtension redis) {
        this.redis = redis;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        here = open(redis);
        there = open(redis);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        here.close();
        there.close();
    }

    RedisConnections here() {
        return here;
    }

    RedisConnections there() {
        return there;
    }

    static RedisConnections open(RedisExtension redis) {
        return RedisConnections.open(redis.url(), TIMEOUT);
    }

    /** A prefix no other test uses, so tests share one Redis without emptying it. */
    static String freshPrefix() {
        return UniqueIds.name("test-");
    }
}
