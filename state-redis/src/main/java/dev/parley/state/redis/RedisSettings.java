package dev.parley.state.redis;

import java.time.Duration;

/**
 * Where a node finds Redis and how it shares it: {@code url} ({@code redis://[:password@]host:port[/db]},
 * {@code rediss://} for TLS), {@code prefix} starting every key and channel (deployments or tests that share one
 * Redis pick different ones), and {@code timeout}, the longest a command may wait for Redis's answer.
 */
public record RedisSettings(String url, String prefix, Duration timeout) {
    public RedisSettings {
        if (url == null || !url.matches("rediss?://.+")) {
            throw new IllegalArgumentException("redis.url must look like redis://host:port, not " + url);
        }
        if (prefix == null || !prefix.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("redis.prefix must be letters, digits, '_', '.' or '-', not " + prefix);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("redis.timeout.ms must be > 0");
        }
    }

    public static RedisSettings defaults() {
        return new RedisSettings("redis://127.0.0.1:6379", "parley", Duration.ofSeconds(2));
    }
}
