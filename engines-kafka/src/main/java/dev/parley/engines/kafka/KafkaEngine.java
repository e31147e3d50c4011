package dev.parley.engines.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Apache Kafka 4.3 in this JVM: one combined broker and KRaft controller from Kafka's own
 * {@link KafkaClusterTestKit}, on free local ports, its logs under DIR (deleted on {@link #close()}).
 * Ready in 4–8 s here. Replication factors are 1 so that consumer groups and transactions work on one broker.
 *
 * <p>Thread-safe; {@link #close()} (also run by a shutdown hook) stops it.
 */
public final class KafkaEngine implements AutoCloseable {
    private final KafkaClusterTestKit kit;
    private final String bootstrapServers;
    private final Thread shutdownHook;

    private KafkaEngine(KafkaClusterTestKit kit) {
        this.kit = kit;
        this.bootstrapServers = kit.bootstrapServers();
        this.shutdownHook = new Thread(this::stop, "kafka-engine-stop");
    }

    /** Starts a broker with its files in {@code directory} (created if missing) and waits until it serves. */
    public static KafkaEngine start(Path directory) throws Exception {
        Files.createDirectories(directory);
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBaseDirectory(directory.toAbsolutePath())
                .build();
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                // min(brokers, 3) is needed: with the default 3, consumer groups never find a coordinator
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            kit.close();
            throw e;
        }
        KafkaEngine kafka = new KafkaEngine(kit);
        Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
        return kafka;
    }

    /** {@code host:port} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    private synchronized void stop() {
        try {
            kit.close();
        } catch (Exception e) {
            System.err.println("parley engines: Kafka did not stop cleanly: " + e);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    @Override
    public String toString() {
        return "Kafka on " + bootstrapServers;
    }
}
