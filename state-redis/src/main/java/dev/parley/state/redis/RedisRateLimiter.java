package dev.parley.state.redis;

import dev.parley.core.ratelimit.BucketSpec;
import dev.parley.core.ratelimit.RateLimiter;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;

/**
 * Token buckets in Redis, one per key ({@code PREFIX:rate:KEY}, a hash of the tokens left and when they were
 * counted), shared by every node. Each take (and each refund) is one Lua script, so concurrent takes on any nodes share one burst
 * exactly; the arithmetic is {@code TokenBucket}'s, at this node's clock (nodes' clocks should agree; a skew only
 * delays refills by as much). A key expires once its bucket would be full again, so idle keys cost nothing.
 *
 * <p>On a lost connection (or a Redis that does not answer within the command timeout) {@link #tryAcquire} fails
 * at once with a {@code ParleyException} of code {@code unavailable}. A Redis that restarted empty starts every
 * bucket full.
 *
 * <p>Threading: any thread; each call is one round trip to Redis on the caller's thread.
 */
public final class RedisRateLimiter implements RateLimiter {
    private static final LuaScript TAKE = LuaScript.load("rate-limit");
    private static final LuaScript REFUND = LuaScript.load("rate-refund");

    private final RedisConnections redis;
    private final String keyPrefix;
    private final Clock clock;

    public RedisRateLimiter(RedisConnections redis, String prefix, Clock clock) {
        this.redis = redis;
        this.keyPrefix = prefix + ":rate:";
        this.clock = clock;
    }

    @Override
    public long tryAcquire(String key, BucketSpec spec) {
        Long wait = TAKE.run(redis, ScriptOutputType.INTEGER, new String[] {keyPrefix + key},
                Integer.toString(spec.burst()), Double.toString(spec.perSecond()), Long.toString(clock.millis()));
        return wait;
    }

    @Override
    public void refund(String key, BucketSpec spec) {
        REFUND.run(redis, ScriptOutputType.INTEGER, new String[] {keyPrefix + key},
                Integer.toString(spec.burst()), Double.toString(spec.perSecond()), Long.toString(clock.millis()));
    }
}
