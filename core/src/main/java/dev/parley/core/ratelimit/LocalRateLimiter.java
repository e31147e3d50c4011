package dev.parley.core.ratelimit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Token buckets held in this process. Buckets that have refilled completely are swept now and then. */
public final class LocalRateLimiter implements RateLimiter {
    private static final int SWEEP_EVERY = 10_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public LocalRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long tryAcquire(String key, BucketSpec spec) {
        long now = clock.millis();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        long[] wait = new long[1];
        buckets.compute(key, (k, bucket) -> {
            TokenBucket b = bucket == null ? new TokenBucket(spec, now) : bucket;
            wait[0] = b.tryTake(now);
            return b;
        });
        return wait[0];
    }

    @Override
    public void refund(String key, BucketSpec spec) {
        long now = clock.millis();
        buckets.computeIfPresent(key, (k, bucket) -> {
            bucket.giveBack(now);
            return bucket;
        });
    }

    int size() {
        return buckets.size();
    }

    void sweep(long now) {
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, bucket) -> bucket.isFull(now) ? null : bucket);
        }
    }
}
