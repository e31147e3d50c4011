package dev.parley.core.ratelimit;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;

/** Turns a refused token into the contract's rate-limit error, in one place. */
public final class RateLimitGate {
    private final RateLimiter limiter;

    public RateLimitGate(RateLimiter limiter) {
        this.limiter = limiter;
    }

    public void check(String key, BucketSpec spec, String what) {
        long wait = limiter.tryAcquire(key, spec);
        if (wait > 0) {
            throw new ParleyException(ErrorCode.RATE_LIMITED, what + " rate limit reached", wait);
        }
    }

    /** Gives back the token a {@link #check} took, for an attempt that should not count after all. */
    public void refund(String key, BucketSpec spec) {
        limiter.refund(key, spec);
    }
}
