package dev.parley.server.support;

import dev.parley.engines.CassandraExtension;
import dev.parley.engines.PostgresExtension;
import dev.parley.engines.RedisExtension;
import dev.parley.engines.kafka.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A cluster of node processes on the real engines, started before the test class and stopped after it: the first
 * tier (PostgreSQL + Redis, {@code new Cluster(n)}) or the second ({@link #kafka}: also Kafka for the log and
 * Cassandra for history), with a database, a Redis key prefix, a Kafka topic and group and a Cassandra keyspace of its
 * own, so test classes sharing the engines of the test run stay apart. Declare it {@code @RegisterExtension static final}. Nodes can be killed,
 * stopped with signals and started again; each is reached by its own address.
 */
public final class Cluster implements BeforeAllCallback, AfterAllCallback {
    private static final PostgresExtension PG = PostgresExtension.shared();
    private static final RedisExtension REDIS = RedisExtension.shared();
    private static final KafkaExtension KAFKA = KafkaExtension.shared();
    private static final CassandraExtension CASSANDRA = CassandraExtension.shared();

    /** Which tier the nodes run on. */
    public enum Tier { POSTGRES, KAFKA }

    private final int size;
    private final Tier tier;
    private final Map<String, String> env = new HashMap<>(Map.of(
            "PARLEY_STORE_TYPE", "postgres",
            "PARLEY_LOG_TYPE", "postgres",
            "PARLEY_RELAY_TYPE", "redis",
            "PARLEY_STATE_TYPE", "redis",
            "PARLEY_PRESENCE_LEASE_MS", "3000",
            "PARLEY_PRESENCE_GRACE_MS", "1000",
            "PARLEY_NODE_LEASE_MS", "3000"));
    private final List<NodeProcess> nodes = new ArrayList<>();
    private Path dataDir;

    public Cluster(int size) {
        this(size, Tier.POSTGRES);
    }

    public Cluster(int size, Tier tier) {
        this.size = size;
        this.tier = tier;
        if (tier == Tier.KAFKA) {
            String unique = UUID.randomUUID().toString().substring(0, 8);
            env.put("PARLEY_LOG_TYPE", "kafka");
            env.put("PARLEY_LOG_KAFKA_TOPIC", "log-" + unique);
            env.put("PARLEY_LOG_KAFKA_GROUP", "log-" + unique);
            env.put("PARLEY_LOG_KAFKA_PARTITIONS", "8");
            env.put("PARLEY_LOG_KAFKA_SESSION_TIMEOUT_MS", "6000");
            env.put("PARLEY_LOG_KAFKA_SNAPSHOT_RECORDS", "200");
            env.put("PARLEY_CASSANDRA_KEYSPACE", "c" + unique);
        }
    }

    /** The second tier: the log on Kafka, history on Cassandra, the rest as the first tier. */
    public static Cluster kafka(int size) {
        return new Cluster(size, Tier.KAFKA);
    }

    public Tier tier() {
        return tier;
    }

    /** Sets a {@code PARLEY_*} variable of every node. */
    public Cluster with(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        PG.beforeAll(context);
        REDIS.beforeAll(context);
        if (tier == Tier.KAFKA) {
            KAFKA.beforeAll(context);
            CASSANDRA.beforeAll(context);
            env.put("PARLEY_KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrap());
            env.put("PARLEY_CASSANDRA_CONTACT_POINTS", CASSANDRA.contactPoint());
            env.put("PARLEY_CASSANDRA_DATACENTER", CASSANDRA.datacenter());
        }
        dataDir = Files.createTempDirectory("parley-cluster-");
        env.put("PARLEY_POSTGRES_URL", PG.newDatabase());
        env.put("PARLEY_REDIS_URL", REDIS.url());
        env.put("PARLEY_REDIS_PREFIX", "t" + UUID.randomUUID().toString().substring(0, 8));
        List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int index = i;
            starting.add(CompletableFuture.supplyAsync(() -> launch(index)));
        }
        RuntimeException failed = null;
        for (CompletableFuture<NodeProcess> node : starting) {
            try {
                nodes.add(node.join());
            } catch (RuntimeException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private NodeProcess launch(int index) {
        try {
            return NodeProcess.start(dataDir.resolve("node-" + index), env);
        } catch (Exception e) {
            throw new IllegalStateException("node " + index + " did not start", e);
        }
    }

    /** Stops every node that started, also when another did not (then {@link #beforeAll} failed). */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (NodeProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        TestNode.deleteRecursively(dataDir);
    }

    public int size() {
        return nodes.size();
    }

    public NodeProcess node(int index) {
        return nodes.get(index);
    }

    public String baseUrl(int index) {
        return nodes.get(index).baseUrl();
    }

    public Api api(int index) {
        return new Api(baseUrl(index));
    }

    /** Starts node {@code index} again (after it was killed or stopped); it gets a new port. */
    public NodeProcess restart(int index) throws Exception {
        NodeProcess old = nodes.get(index);
        old.close();
        NodeProcess fresh = launch(index);
        nodes.set(index, fresh);
        return fresh;
    }

    /** Starts one more node (index {@link #size()} before the call). */
    public NodeProcess add() {
        NodeProcess node = launch(nodes.size());
        nodes.add(node);
        return node;
    }

    /** Stops node {@code index} gracefully (SIGTERM) and waits for it to exit. */
    public void stop(int index) throws Exception {
        NodeProcess node = nodes.get(index);
        node.signal("TERM");
        if (!node.awaitExit(60)) {
            throw new IllegalStateException("node " + index + " did not stop within 60 s");
        }
    }

    /** A {@code PARLEY_*} variable the nodes were given. */
    public String setting(String variable) {
        return env.get(variable);
    }

    public static KafkaExtension kafka() {
        return KAFKA;
    }

    public static PostgresExtension postgres() {
        return PG;
    }

    public static RedisExtension redis() {
        return REDIS;
    }

    public static CassandraExtension cassandra() {
        return CASSANDRA;
    }
}
