package dev.parley.log.kafka;

import dev.parley.core.account.NewUser;
import dev.parley.core.cluster.NodeMailbox;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.LogListener;
import dev.parley.engines.CassandraExtension;
import dev.parley.engines.PostgresExtension;
import dev.parley.engines.kafka.KafkaExtension;
import dev.parley.store.cassandra.CassandraDatabase;
import dev.parley.store.cassandra.CassandraLogRows;
import dev.parley.store.cassandra.CassandraMessageStore;
import dev.parley.store.cassandra.CassandraSettings;
import dev.parley.store.postgres.PostgresAccountStore;
import dev.parley.store.postgres.PostgresConversationRows;
import dev.parley.store.postgres.PostgresConversationStore;
import dev.parley.store.postgres.PostgresDatabase;
import dev.parley.store.postgres.PostgresSettings;
import dev.parley.testkit.Backend;
import dev.parley.testkit.UniqueIds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The second tier for tests, on the engines of the test JVM (each started once, shared by every class): PostgreSQL for
 * accounts and conversations, Cassandra for messages and events, Kafka for the log. A database, a keyspace and a
 * producer are shared by the tests of the JVM (the contracts use fresh ids); each log gets a topic and consumer group of
 * its own unless told otherwise.
 */
final class TierTwo implements BeforeAllCallback {
    /** Register after the engines: closes the shared clients at the end of the run, before the engines stop. */
    static final TierTwo CLIENTS = new TierTwo();

    static final PostgresExtension PG = PostgresExtension.shared();
    static final CassandraExtension CASSANDRA = CassandraExtension.shared();
    static final KafkaExtension KAFKA = KafkaExtension.shared();

    private static PostgresDatabase postgres;
    private static CassandraDatabase cassandra;
    private static Producer<Long, byte[]> producer;
    private static String keyspace;

    private TierTwo() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.create(TierTwo.class))
                .getOrComputeIfAbsent("clients", k -> (AutoCloseable) TierTwo::closeClients, AutoCloseable.class);
    }

    private static synchronized void closeClients() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        if (cassandra != null) {
            cassandra.close();
            cassandra = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    static synchronized PostgresDatabase postgres() {
        if (postgres == null) {
            postgres = new PostgresDatabase(new PostgresSettings(PG.newDatabase(), 8, 500));
        }
        return postgres;
    }

    static synchronized CassandraDatabase cassandra() {
        if (cassandra == null) {
            keyspace = CASSANDRA.newKeyspace();
            cassandra = new CassandraDatabase(new CassandraSettings(CASSANDRA.contactPoint(), keyspace,
                    CASSANDRA.datacenter(), CassandraSettings.DEFAULT_REPLICATION, "LOCAL_QUORUM", Duration.ofSeconds(5)));
        }
        return cassandra;
    }

    /** The keyspace of {@link #cassandra()}. */
    static synchronized String keyspace() {
        cassandra();
        return keyspace;
    }

    static synchronized Producer<Long, byte[]> producer() {
        if (producer == null) {
            producer = KafkaClients.producer(KAFKA.bootstrap(), "parley-test");
        }
        return producer;
    }

    /** Settings for a log on a new topic (and group) of its own. */
    static KafkaLogSettings newLog(int partitions) {
        String topic = KAFKA.newTopic(partitions);
        return KafkaLogSettings.local(KAFKA.bootstrap(), topic, topic).withPartitions(partitions);
    }

    static KafkaMessageLog log(KafkaLogSettings settings, LogListener listener) {
        return log(settings, NodeMailbox.NONE, listener);
    }

    static KafkaMessageLog log(KafkaLogSettings settings, NodeMailbox mailbox, LogListener listener) {
        KafkaClients.ensureTopic(settings);
        return new KafkaMessageLog(settings, producer(), new CassandraLogRows(cassandra()),
                new CassandraMessageStore(cassandra()), new PostgresConversationRows(postgres()),
                new PostgresConversationStore(postgres()), mailbox, listener);
    }

    /**
     * A new user's private channel, created in PostgreSQL and announced to {@code log} with its owner as the only
     * member; its owner is {@link Conversation#ownerId()}.
     */
    static Conversation newChannel(KafkaMessageLog log) throws Exception {
        long author = UniqueIds.next();
        new PostgresAccountStore(postgres()).createUser(new NewUser(author, UniqueIds.name("u"), "U", null, "h",
                UniqueIds.nowMillis()));
        Conversation channel = new Conversation(UniqueIds.next(), ConversationKind.CHANNEL, "room", "", Visibility.PRIVATE,
                author, 1, UniqueIds.nowMillis());
        new PostgresConversationStore(postgres()).createChannel(channel);
        log.opened(channel, List.of(author)).get(10, TimeUnit.SECONDS);
        return channel;
    }

    /** Every store of one node, its log (on a topic of its own) telling {@code listener}. */
    static Backend backend(LogListener listener) {
        return new Backend(new PostgresAccountStore(postgres()), new PostgresConversationStore(postgres()),
                new CassandraMessageStore(cassandra()), log(newLog(4), listener), () -> { });
    }
}
