package dev.parley.state.redis;

import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.engines.RedisExtension;
import dev.parley.testkit.RateLimiterContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisRateLimiterContractTest extends RateLimiterContract {
    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.shared();
    private static RedisConnections redis;

    private final String prefix = TestNodes.freshPrefix();

    @BeforeAll
    static void connect() {
        redis = TestNodes.open(REDIS);
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Override
    protected RateLimiter newRateLimiter(Clock clock) {
        return new RedisRateLimiter(redis, prefix, clock);
    }
}
