package dev.parley.core.ratelimit;

/** Keyed token buckets (in process by default; shared through Redis in a cluster). */
public interface RateLimiter {
    /** Takes one token from the bucket named {@code key}: 0 if granted, else milliseconds to wait. */
    long tryAcquire(String key, BucketSpec spec);

    /**
     * Puts back one token taken by {@link #tryAcquire} for an attempt that, it turned out, should not count (a
     * login that succeeded, where only failures are limited). Never fills a bucket beyond its burst.
     */
    void refund(String key, BucketSpec spec);
}
