package dev.parley.core.ratelimit;

/**
 * A token bucket in plain arithmetic: callers pass the time, so the rule is tested without a clock.
 * Not thread-safe; {@link LocalRateLimiter} touches each bucket only inside its map's per-key lock.
 */
final class TokenBucket {
    private final BucketSpec spec;
    private double tokens;
    private long updatedAtMs;

    TokenBucket(BucketSpec spec, long nowMs) {
        this.spec = spec;
        this.tokens = spec.burst();
        this.updatedAtMs = nowMs;
    }

    /** Takes one token: 0 if granted, otherwise the milliseconds until one is available. */
    long tryTake(long nowMs) {
        refill(nowMs);
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1.0 - tokens) * 1000.0 / spec.perSecond()));
    }

    /** Returns one token, up to the burst. */
    void giveBack(long nowMs) {
        refill(nowMs);
        tokens = Math.min(spec.burst(), tokens + 1.0);
    }

    boolean isFull(long nowMs) {
        refill(nowMs);
        return tokens >= spec.burst();
    }

    private void refill(long nowMs) {
        if (nowMs > updatedAtMs) {
            tokens = Math.min(spec.burst(), tokens + (nowMs - updatedAtMs) * spec.perSecond() / 1000.0);
            updatedAtMs = nowMs;
        }
    }
}
