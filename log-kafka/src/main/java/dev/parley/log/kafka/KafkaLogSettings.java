package dev.parley.log.kafka;

import java.time.Duration;

/**
 * The Kafka log's settings (docs/configuration.md): where Kafka is, the topic (created at start if missing, with
 * {@code partitions}, {@code replicationFactor}, {@code min.insync.replicas} and no unclean leader election), the
 * consumer group whose members own the partitions, how long an owner may be silent before the group gives its
 * partitions to another node, how long an append waits for its outcome, and how often an owner snapshots its state.
 */
public record KafkaLogSettings(String bootstrapServers, String topic, int partitions, short replicationFactor,
                               int minInsyncReplicas, long retentionMs, String group, Duration sessionTimeout,
                               Duration appendTimeout, int snapshotRecords, Duration snapshotInterval, int maxBatch) {
    public static final String DEFAULT_TOPIC = "parley-log";
    public static final String DEFAULT_GROUP = "parley-log";
    public static final int DEFAULT_PARTITIONS = 16;
    public static final long DEFAULT_RETENTION_MS = Duration.ofDays(7).toMillis();
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_APPEND_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_SNAPSHOT_RECORDS = 10_000;
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_BATCH = 500;

    public KafkaLogSettings {
        if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("log.kafka: partitions and replication factor must be at least 1, and "
                    + "min.insync.replicas between 1 and the replication factor");
        }
        if (maxBatch < 1 || maxBatch > PartitionState.CACHE_ENTRIES / 10) {
            throw new IllegalArgumentException("log.kafka.max.batch must be between 1 and " + PartitionState.CACHE_ENTRIES / 10);
        }
    }

    /** Throws unless Kafka's address is set. */
    public KafkaLogSettings requireBootstrap() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap.servers must be set to use log.type kafka");
        }
        return this;
    }

    /** Settings for one broker: replication factor and min.insync.replicas 1, the rest as defaults. */
    public static KafkaLogSettings local(String bootstrapServers, String topic, String group) {
        return new KafkaLogSettings(bootstrapServers, topic, DEFAULT_PARTITIONS, (short) 1, 1, DEFAULT_RETENTION_MS, group,
                DEFAULT_SESSION_TIMEOUT, DEFAULT_APPEND_TIMEOUT, DEFAULT_SNAPSHOT_RECORDS, DEFAULT_SNAPSHOT_INTERVAL,
                DEFAULT_MAX_BATCH);
    }

    public KafkaLogSettings withPartitions(int count) {
        return new KafkaLogSettings(bootstrapServers, topic, count, replicationFactor, minInsyncReplicas, retentionMs, group,
                sessionTimeout, appendTimeout, snapshotRecords, snapshotInterval, maxBatch);
    }

    public KafkaLogSettings withSnapshots(int records, Duration interval) {
        return new KafkaLogSettings(bootstrapServers, topic, partitions, replicationFactor, minInsyncReplicas, retentionMs,
                group, sessionTimeout, appendTimeout, records, interval, maxBatch);
    }

    public KafkaLogSettings withSessionTimeout(Duration timeout) {
        return new KafkaLogSettings(bootstrapServers, topic, partitions, replicationFactor, minInsyncReplicas, retentionMs,
                group, timeout, appendTimeout, snapshotRecords, snapshotInterval, maxBatch);
    }
}
