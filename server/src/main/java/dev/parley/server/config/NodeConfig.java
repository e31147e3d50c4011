package dev.parley.server.config;

import dev.parley.core.account.RegistrationMode;
import dev.parley.core.ratelimit.BucketSpec;
import dev.parley.core.ratelimit.RateLimits;
import dev.parley.log.kafka.KafkaLogSettings;
import dev.parley.state.redis.RedisSettings;
import dev.parley.store.cassandra.CassandraSettings;
import dev.parley.store.postgres.PostgresSettings;
import dev.parley.store.sqlite.SqliteSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
        KafkaLogSettings kafka,
        CassandraSettings cassandra,
        RateLimits rateLimits,
        GatewayConfig gateway,
        RegistrationMode registrationMode,
        Set<String> adminUsernames,
        List<OidcProviderConfig> oidcProviders,
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
                kafka(s),
                new CassandraSettings(
                        s.string("cassandra.contact.points", null),
                        s.string("cassandra.keyspace", CassandraSettings.DEFAULT_KEYSPACE),
                        s.string("cassandra.datacenter", CassandraSettings.DEFAULT_DATACENTER),
                        s.string("cassandra.replication", CassandraSettings.DEFAULT_REPLICATION),
                        s.string("cassandra.consistency", CassandraSettings.DEFAULT_CONSISTENCY),
                        Duration.ofMillis(s.integer("cassandra.request.timeout.ms",
                                (int) CassandraSettings.DEFAULT_REQUEST_TIMEOUT.toMillis()))),
                new RateLimits(
                        bucket(s, "rate.limit.send", limits.sendPerUser()),
                        bucket(s, "rate.limit.login.username", limits.loginFailuresPerUsername()),
                        bucket(s, "rate.limit.login.address", limits.loginPerAddress()),
                        bucket(s, "rate.limit.typing", limits.typingPerUser()),
                        bucket(s, "rate.limit.login.failures", limits.loginFailuresPerUsernameAndAddress()),
                        bucket(s, "rate.limit.register.address", limits.registerPerAddress()),
                        bucket(s, "rate.limit.bot.send", limits.sendPerBot())),
                GatewayConfig.from(s),
                RegistrationMode.parse(s.string("registration.mode", "open")),
                Arrays.stream(s.string("admin.usernames", "").split(",")).map(String::strip).filter(n -> !n.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()),
                OidcProviderConfig.from(s),
                PushConfig.from(s));
    }

    private static KafkaLogSettings kafka(Settings s) {
        return new KafkaLogSettings(
                s.string("kafka.bootstrap.servers", null),
                s.string("log.kafka.topic", KafkaLogSettings.DEFAULT_TOPIC),
                s.integer("log.kafka.partitions", KafkaLogSettings.DEFAULT_PARTITIONS),
                (short) s.integer("log.kafka.replication.factor", 1),
                s.integer("log.kafka.min.insync.replicas", 1),
                Long.parseLong(s.string("log.kafka.retention.ms", Long.toString(KafkaLogSettings.DEFAULT_RETENTION_MS))),
                s.string("log.kafka.group", KafkaLogSettings.DEFAULT_GROUP),
                Duration.ofMillis(s.integer("log.kafka.session.timeout.ms", (int) KafkaLogSettings.DEFAULT_SESSION_TIMEOUT.toMillis())),
                Duration.ofMillis(s.integer("log.kafka.append.timeout.ms", (int) KafkaLogSettings.DEFAULT_APPEND_TIMEOUT.toMillis())),
                s.integer("log.kafka.snapshot.records", KafkaLogSettings.DEFAULT_SNAPSHOT_RECORDS),
                Duration.ofMillis(s.integer("log.kafka.snapshot.interval.ms",
                        (int) KafkaLogSettings.DEFAULT_SNAPSHOT_INTERVAL.toMillis())),
                s.integer("log.kafka.max.batch", KafkaLogSettings.DEFAULT_MAX_BATCH));
    }

    private static BucketSpec bucket(Settings s, String prefix, BucketSpec fallback) {
        return new BucketSpec(s.integer(prefix + ".burst", fallback.burst()),
                s.decimal(prefix + ".per.second", fallback.perSecond()));
    }
}
