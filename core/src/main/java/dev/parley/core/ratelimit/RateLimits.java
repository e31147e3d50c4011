package dev.parley.core.ratelimit;

/** The configured buckets: sends per user, logins per username and per client address, typing per user. */
public record RateLimits(BucketSpec sendPerUser, BucketSpec loginPerUsername, BucketSpec loginPerAddress,
                         BucketSpec typingPerUser) {
    public static RateLimits defaults() {
        return new RateLimits(new BucketSpec(10, 1.0), new BucketSpec(10, 0.2), new BucketSpec(50, 1.0),
                new BucketSpec(5, 0.5));
    }
}
