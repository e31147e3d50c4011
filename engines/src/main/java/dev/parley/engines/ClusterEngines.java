package dev.parley.engines;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engines of one {@code ./parley cluster}: PostgreSQL and Redis for backend {@code postgres}; and also
 * Kafka (in a JVM of its own, {@code dev.parley.engines.kafka.KafkaMain}) and Cassandra for backend
 * {@code kafka}. Each in a folder of the cluster directory, on free ports. {@link #close()} stops them,
 * those that depend on no other first.
 */
final class ClusterEngines implements AutoCloseable {
    /** Which log and store the nodes use. */
    enum Backend {
        POSTGRES, KAFKA;

        static Backend parse(String name) {
            return switch (name) {
                case "postgres" -> POSTGRES;
                case "kafka" -> KAFKA;
                default -> throw new IllegalArgumentException("unknown backend '" + name + "' (postgres or kafka)");
            };
        }
    }

    private static final Pattern KAFKA_READY = Pattern.compile("^kafka ready (\\S+)$", Pattern.MULTILINE);
    private static final Duration KAFKA_START_TIMEOUT = Duration.ofSeconds(120);

    private final Backend backend;
    private PostgresEngine postgres;
    private RedisEngine redis;
    private EngineProcess kafka;
    private String kafkaBootstrap;
    private CassandraEngine cassandra;

    private ClusterEngines(Backend backend) {
        this.backend = backend;
    }

    /** Starts the backend's engines under {@code dir}; {@code root} is the repository (for Kafka's jars). */
    static ClusterEngines start(Backend backend, Path dir, Path root, PrintStream log) throws IOException {
        ClusterEngines engines = new ClusterEngines(backend);
        CompletableFuture<Void> tier2 = CompletableFuture.completedFuture(null);
        try {
            if (backend == Backend.KAFKA) {
                List<String> kafkaCommand = kafkaCommand(root, dir.resolve("kafka/data"));
                Files.createDirectories(dir.resolve("kafka"));
                // the two slow ones start side by side while PostgreSQL and Redis start here
                CompletableFuture<Void> kafka = CompletableFuture.runAsync(() -> engines.startKafka(kafkaCommand, dir.resolve("kafka"), log));
                CompletableFuture<Void> cassandra = CompletableFuture.runAsync(() -> engines.startCassandra(dir.resolve("cassandra"), log));
                tier2 = CompletableFuture.allOf(kafka, cassandra);
            }
            engines.postgres = PostgresEngine.start(dir.resolve("postgres"));
            log.println("[cluster] " + engines.postgres);
            engines.redis = RedisEngine.start(dir.resolve("redis"));
            log.println("[cluster] " + engines.redis);
            try {
                tier2.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            return engines;
        } catch (IOException | RuntimeException e) {
            tier2.handle((ok, failure) -> null).join();   // let them finish starting, so that close() stops them
            engines.close();
            throw e;
        }
    }

    /** What a node of this cluster needs in its environment to find the engines. */
    Map<String, String> nodeEnvironment() {
        String logType = backend == Backend.KAFKA ? "kafka" : "postgres";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARLEY_STORE_TYPE", "postgres");
        env.put("PARLEY_LOG_TYPE", logType);
        env.put("PARLEY_RELAY_TYPE", "redis");
        env.put("PARLEY_STATE_TYPE", "redis");
        env.put("PARLEY_POSTGRES_URL", postgres.jdbcUrl());
        env.put("PARLEY_REDIS_URL", redis.url());
        if (backend == Backend.KAFKA) {
            env.put("PARLEY_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
            env.put("PARLEY_CASSANDRA_CONTACT_POINTS", cassandra.contactPoint());
            env.put("PARLEY_CASSANDRA_DATACENTER", cassandra.datacenter());
            env.put("PARLEY_CASSANDRA_KEYSPACE", "parley");
        }
        return env;
    }

    /** Kafka and Cassandra side by side, then Redis, then PostgreSQL. */
    @Override
    public synchronized void close() {
        CompletableFuture<Void> kafkaStopped = CompletableFuture.runAsync(() -> {
            if (kafka != null) {
                kafka.stop(Duration.ofSeconds(30));
            }
        });
        if (cassandra != null) {
            cassandra.close();
        }
        kafkaStopped.join();
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private void startKafka(List<String> command, Path dir, PrintStream log) {
        Path out = dir.resolve("kafka.log");
        try {
            EngineProcess process = EngineProcess.start("kafka", command, Map.of(), out, "TERM");
            synchronized (this) {
                kafka = process;
            }
            long deadline = System.nanoTime() + KAFKA_START_TIMEOUT.toNanos();
            while (true) {
                Matcher ready = KAFKA_READY.matcher(Files.readString(out, StandardCharsets.UTF_8));
                if (ready.find()) {
                    kafkaBootstrap = ready.group(1);
                    log.println("[cluster] Kafka on " + kafkaBootstrap + " (pid " + process.pid() + ", log " + out + ")");
                    return;
                }
                process.checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka was not ready within " + KAFKA_START_TIMEOUT.toSeconds() + " s:\n" + process.logTail());
                }
                Ports.sleep(100);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Kafka: " + e.getMessage(), e);
        }
    }

    private void startCassandra(Path dir, PrintStream log) {
        try {
            CassandraEngine started = CassandraEngine.start(dir);
            synchronized (this) {
                cassandra = started;
            }
            log.println("[cluster] " + started + ", log " + dir.resolve("cassandra.log"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Cassandra: " + e.getMessage(), e);
        }
    }

    /** {@code java -cp engines-kafka/target/...} for KafkaMain, in the JVM that runs this one. */
    private static List<String> kafkaCommand(Path root, Path dataDir) {
        Path target = root.resolve("engines-kafka/target");
        Path jar = target.resolve("parley-engines-kafka.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException(jar + " or its lib/ is missing: build it with 'mvn -pl engines-kafka -am package'");
        }
        List<String> command = new ArrayList<>(List.of(ClusterMain.java(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", jar + ":" + target.resolve("lib") + "/*", "dev.parley.engines.kafka.KafkaMain", dataDir.toString()));
        return command;
    }
}
