package dev.parley.log.kafka;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;

/**
 * The Kafka clients of the log, configured for what it promises: an idempotent producer that waits for every in-sync
 * replica ({@code acks=all}), a consumer that commits only what was written, and a topic whose acknowledged records
 * survive the loss of a broker ({@code min.insync.replicas}, no unclean leader election).
 */
public final class KafkaClients {
    private KafkaClients() {
    }

    /**
     * The node's producer, shared by everything that appends. Retries until {@code delivery.timeout.ms}; the
     * idempotent producer keeps a partition's records in the order they were sent, without duplicates, across retries.
     */
    public static Producer<Long, byte[]> producer(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, LongSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** The consumer of one node in the log's group: offsets committed by hand, partitions handed over cooperatively. */
    static KafkaConsumer<Long, byte[]> consumer(KafkaLogSettings s, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, s.group());
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, s.maxBatch());
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) s.sessionTimeout().toMillis());
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(100, s.sessionTimeout().toMillis() / 4));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /**
     * Creates the log's topic if it is missing, with the settings that keep acknowledged records; refuses to go on if it
     * exists with another partition count (a conversation's partition is its id's hash modulo the count: changing the
     * count would move conversations away from their state).
     */
    public static void ensureTopic(KafkaLogSettings s) {
        s.requireBootstrap();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            int existing = partitions(admin, s.topic());
            for (int tries = 0; existing < 0 && tries < 3; tries++) {
                NewTopic topic = new NewTopic(s.topic(), s.partitions(), s.replicationFactor()).configs(Map.of(
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(s.minInsyncReplicas()),
                        TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false",
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(s.retentionMs()),
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                existing = awaitPartitions(admin, s.topic());
            }
            if (existing != s.partitions()) {
                throw new IllegalStateException("the Kafka topic " + s.topic() + " has " + existing + " partitions but "
                        + "log.kafka.partitions is " + s.partitions() + ": the count must never change once the log holds records");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Kafka topic " + s.topic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the Kafka topic " + s.topic() + " at " + s.bootstrapServers()
                    + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** A topic just created (here or by another node) may take a moment to be described. */
    private static int awaitPartitions(Admin admin, String topic) throws InterruptedException, ExecutionException {
        for (int i = 0; i < 50; i++) {
            int n = partitions(admin, topic);
            if (n >= 0) {
                return n;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private static int partitions(Admin admin, String topic) throws InterruptedException, ExecutionException {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return d.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return -1;
            }
            throw e;
        }
    }
}
