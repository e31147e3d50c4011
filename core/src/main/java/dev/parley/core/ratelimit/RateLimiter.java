package dev.parley.core.ratelimit;

/** Keyed token buckets (in process by default; shared through Redis in a cluster). */
public interface RateLimiter {
    /** Takes one token from the bucket named {@code key}: 0 if granted, else milliseconds to wait. */
    long tryAcquire(String key, BucketSpec spec);
}
