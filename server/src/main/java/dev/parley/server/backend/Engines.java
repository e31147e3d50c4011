package dev.parley.server.backend;

import dev.parley.log.kafka.KafkaClients;
import dev.parley.server.config.NodeConfig;
import dev.parley.store.cassandra.CassandraDatabase;
import dev.parley.state.redis.RedisConnections;
import dev.parley.store.postgres.PostgresDatabase;
import dev.parley.store.sqlite.SqliteDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.Producer;

/**
 * The engine connections that several port families of one node share, opened on first use and closed last:
 * one SQLite database for every family configured as {@code sqlite}, one PostgreSQL pool for every family
 * configured as {@code postgres}, one set of Redis connections for every family configured as {@code redis}, and for
 * {@code log.type=kafka} one Cassandra session and one Kafka producer (plus a small admin client for readiness).
 */
public final class Engines implements AutoCloseable {
    private final NodeConfig config;
    private SqliteDatabase sqlite;
    private RedisConnections redis;
    private PostgresDatabase postgres;
    private CassandraDatabase cassandra;
    private Producer<Long, byte[]> kafka;
    private Admin kafkaAdmin;

    public Engines(NodeConfig config) {
        this.config = config;
    }

    public synchronized SqliteDatabase sqlite() {
        if (sqlite == null) {
            sqlite = new SqliteDatabase(config.dataDir().resolve("parley.db"), config.sqlite());
        }
        return sqlite;
    }

    public synchronized RedisConnections redis() {
        if (redis == null) {
            redis = RedisConnections.open(config.redis().url(), config.redis().timeout());
        }
        return redis;
    }

    public synchronized PostgresDatabase postgres() {
        if (postgres == null) {
            postgres = new PostgresDatabase(config.postgres());
        }
        return postgres;
    }

    public synchronized CassandraDatabase cassandra() {
        if (cassandra == null) {
            cassandra = new CassandraDatabase(config.cassandra());
        }
        return cassandra;
    }

    /** The node's Kafka producer (idempotent, acks=all). */
    public synchronized Producer<Long, byte[]> kafka() {
        if (kafka == null) {
            String bootstrap = config.kafka().requireBootstrap().bootstrapServers();
            kafka = KafkaClients.producer(bootstrap, "parley-node-" + ProcessHandle.current().pid());
            kafkaAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        }
        return kafka;
    }

    /** True when every opened engine answers. */
    public synchronized boolean ready() {
        return (sqlite == null || sqlite.read(c -> c.createStatement().execute("SELECT 1")))
                && (redis == null || redis.isReachable())
                && (postgres == null || postgres.ready())
                && (cassandra == null || cassandra.ready())
                && (kafkaAdmin == null || kafkaReady());
    }

    private boolean kafkaReady() {
        try {
            return !kafkaAdmin.describeCluster(new DescribeClusterOptions().timeoutMs(1_000)).nodes().get(2, TimeUnit.SECONDS)
                    .isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (sqlite != null) {
            sqlite.close();
        }
        if (kafka != null) {
            kafka.close(Duration.ofSeconds(5));
            kafkaAdmin.close(Duration.ofSeconds(2));
        }
        if (cassandra != null) {
            cassandra.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
