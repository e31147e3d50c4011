package dev.parley.core.ratelimit;

/** A token bucket's shape: at most {@code burst} tokens, refilled at {@code perSecond}. */
public record BucketSpec(int burst, double perSecond) {
    public BucketSpec {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("burst must be >= 1 and perSecond > 0");
        }
    }

    /** Milliseconds to refill an empty bucket to full: an idle bucket older than this can be forgotten. */
    public long fullRefillMs() {
        return (long) Math.ceil(burst * 1000.0 / perSecond);
    }
}
