package dev.parley.state.redis;

import dev.parley.engines.RedisExtension;
import dev.parley.testkit.UniqueIds;
import java.time.Duration;

/** What the Redis tests share: connections standing for two nodes, and a fresh key prefix per test. */
final class TestNodes {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private TestNodes() {
    }

    static RedisConnections open(RedisExtension redis) {
        return RedisConnections.open(redis.url(), TIMEOUT);
    }

    /** A prefix no other test uses, so tests share one Redis without emptying it. */
    static String freshPrefix() {
        return UniqueIds.name("test-");
    }
}
