package dev.parley.engines.kafka;

import dev.parley.engines.SharedEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Kafka for tests: one {@link KafkaEngine} per test JVM (in process), shared by every test class.
 * <pre>
 * &#64;RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.shared();
 * String topic = KAFKA.newTopic(4);   // a topic of its own; clients connect to KAFKA.bootstrap()
 * </pre>
 */
public final class KafkaExtension implements BeforeAllCallback {
    private static final KafkaExtension SHARED = new KafkaExtension();
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private final SharedEngine<KafkaEngine> engine = new SharedEngine<>("kafka", KafkaEngine::start, KafkaEngine::close);

    private KafkaExtension() {
    }

    public static KafkaExtension shared() {
        return SHARED;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        engine.startFor(context);
    }

    public KafkaEngine engine() {
        return engine.get();
    }

    /** {@code host:port}, for {@code bootstrap.servers}. */
    public String bootstrap() {
        return engine().bootstrapServers();
    }

    /** Creates a topic with a name no other test uses ({@code test-N}, replication factor 1) and returns its name. */
    public String newTopic(int partitions) {
        String name = "test-" + TOPICS.incrementAndGet();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
        return name;
    }
}
