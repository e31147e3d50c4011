package dev.parley.core.ratelimit;

/**
 * The configured buckets. Sends and typing notices per user, and sends per bot (through its API tokens). Logins:
 * every attempt per client address, and failed attempts only per (username, client address), tightly, and per
 * username, loosely: a stranger's wrong passwords throttle the stranger, while the owner, from their own address,
 * still signs in. Sign-ups per client address.
 */
public record RateLimits(BucketSpec sendPerUser, BucketSpec loginFailuresPerUsername, BucketSpec loginPerAddress,
                         BucketSpec typingPerUser, BucketSpec loginFailuresPerUsernameAndAddress,
                         BucketSpec registerPerAddress, BucketSpec sendPerBot) {
    public static RateLimits defaults() {
        return new RateLimits(new BucketSpec(10, 1.0), new BucketSpec(100, 1.0), new BucketSpec(50, 1.0),
                new BucketSpec(5, 0.5), new BucketSpec(10, 0.2), new BucketSpec(10, 0.1), new BucketSpec(20, 2.0));
    }
}
