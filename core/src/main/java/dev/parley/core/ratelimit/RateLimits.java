package dev.parley.core.ratelimit;

/**
 * The configured buckets: sends per user, logins per username and per client address, typing per user, and sends
 * per bot (through its API tokens).
 */
public record RateLimits(BucketSpec sendPerUser, BucketSpec loginPerUsername, BucketSpec loginPerAddress,
                         BucketSpec typingPerUser, BucketSpec sendPerBot) {
    public static final BucketSpec BOT_SEND_DEFAULT = new BucketSpec(20, 2.0);

    /** Bots send under the default bot bucket. */
    public RateLimits(BucketSpec sendPerUser, BucketSpec loginPerUsername, BucketSpec loginPerAddress,
                      BucketSpec typingPerUser) {
        this(sendPerUser, loginPerUsername, loginPerAddress, typingPerUser, BOT_SEND_DEFAULT);
    }

    public static RateLimits defaults() {
        return new RateLimits(new BucketSpec(10, 1.0), new BucketSpec(10, 0.2), new BucketSpec(50, 1.0),
                new BucketSpec(5, 0.5), BOT_SEND_DEFAULT);
    }
}
