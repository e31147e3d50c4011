package dev.parley.core.ratelimit;

/** A token bucket's shape: at most {@code burst} tokens, refilled at {@code perSecond}. */
public record BucketSpec(int burst, double perSecond) {
    public BucketSpec {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("burst must be >= 1 and perSecond > 0");
        }
    }
}
