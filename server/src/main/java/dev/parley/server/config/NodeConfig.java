package dev.parley.server.config;

import dev.parley.core.ratelimit.BucketSpec;
import dev.parley.core.ratelimit.RateLimits;
import dev.parley.state.redis.RedisSettings;
import dev.parley.store.postgres.PostgresSettings;
import dev.parley.store.sqlite.SqliteSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Every setting of a node, with its default. docs/configuration.md lists them. */
public record NodeConfig(
        String httpHost,
        int httpPort,
        int eventLoops,
        String transport,
        String publicUrl,
        Path dataDir,
        Integer nodeId,
        int nodeLeaseMs,
        String storeType,
        String logType,
        String relayType,
        String stateType,
        int maxBodyBytes,
        int bcryptCost,
        int passwordHashThreads,
        int passwordHashQueue,
        SqliteSettings sqlite,
        RedisSettings redis,
        PostgresSettings postgres,
        RateLimits rateLimits,
        GatewayConfig gateway,
        PushConfig push) {

    public static NodeConfig fromEnvironment() {
        return from(Settings.load(System.getenv(), Map.of()));
    }

    public static NodeConfig from(Settings s) {
        SqliteSettings sqliteDefaults = SqliteSettings.defaults();
        RedisSettings redisDefaults = RedisSettings.defaults();
        RateLimits limits = RateLimits.defaults();
        return new NodeConfig(
                s.string("http.host", "127.0.0.1"),
                s.integer("http.port", 8080),
                s.integer("http.event.loops", Runtime.getRuntime().availableProcessors()),
                s.string("http.transport", "auto"),
                s.string("public.url", null),
                Path.of(s.string("data.dir", "data")),
                s.optionalInteger("node.id"),
                s.integer("node.lease.ms", 15_000),
                s.string("store.type", "sqlite"),
                s.string("log.type", "sqlite"),
                s.string("relay.type", "local"),
                s.string("state.type", "local"),
                s.integer("http.max.body.bytes", 65536),
                s.integer("bcrypt.cost", 10),
                s.integer("password.hash.threads", Math.max(1, Runtime.getRuntime().availableProcessors() / 2)),
                s.integer("password.hash.queue", 128),
                new SqliteSettings(
                        s.string("sqlite.synchronous", sqliteDefaults.synchronous()),
                        s.integer("sqlite.readers", sqliteDefaults.readers()),
                        s.integer("sqlite.cache.kib", sqliteDefaults.cacheKib()),
                        s.integer("sqlite.max.batch", sqliteDefaults.maxBatch())),
                new RedisSettings(
                        s.string("redis.url", redisDefaults.url()),
                        s.string("redis.prefix", redisDefaults.prefix()),
                        Duration.ofMillis(s.integer("redis.timeout.ms", (int) redisDefaults.timeout().toMillis()))),
                new PostgresSettings(
                        s.string("postgres.url", null),
                        s.integer("postgres.pool.size", PostgresSettings.DEFAULT_POOL_SIZE),
                        s.integer("postgres.max.batch", PostgresSettings.DEFAULT_MAX_BATCH)),
                new RateLimits(
                        bucket(s, "rate.limit.send", limits.sendPerUser()),
                        bucket(s, "rate.limit.login.username", limits.loginFailuresPerUsername()),
                        bucket(s, "rate.limit.login.address", limits.loginPerAddress()),
                        bucket(s, "rate.limit.typing", limits.typingPerUser()),
                        bucket(s, "rate.limit.login.failures", limits.loginFailuresPerUsernameAndAddress()),
                        bucket(s, "rate.limit.register.address", limits.registerPerAddress())),
                GatewayConfig.from(s),
                PushConfig.from(s));
    }

    private static BucketSpec bucket(Settings s, String prefix, BucketSpec fallback) {
        return new BucketSpec(s.integer(prefix + ".burst", fallback.burst()),
                s.decimal(prefix + ".per.second", fallback.perSecond()));
    }
}
