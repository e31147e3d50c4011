package dev.parley.server.backend;

import dev.parley.core.cluster.NodeMailbox;
import dev.parley.core.event.LogListener;
import dev.parley.core.event.MessageLog;
import dev.parley.core.message.MessageStore;
import dev.parley.log.kafka.KafkaClients;
import dev.parley.log.kafka.KafkaMessageLog;
import dev.parley.server.config.NodeConfig;
import dev.parley.state.redis.RedisNodeMailbox;
import dev.parley.store.cassandra.CassandraDatabase;
import dev.parley.store.cassandra.CassandraLogRows;
import dev.parley.store.cassandra.CassandraMessageStore;
import dev.parley.store.postgres.PostgresConversationRows;
import dev.parley.store.postgres.PostgresConversationStore;
import dev.parley.store.postgres.PostgresMessageLog;
import dev.parley.store.postgres.PostgresMessageStore;
import dev.parley.store.sqlite.SqliteMessageLog;
import dev.parley.store.sqlite.SqliteMessageStore;
import java.util.function.BooleanSupplier;

/**
 * The message log and history family ({@code log.type}): sqlite, postgres, or kafka (the log on Kafka, history on
 * Cassandra; its writer also keeps the memberships and channels of {@code store.type=postgres}). Closing finishes the
 * appends already taken.
 */
public record Logs(MessageLog log, MessageStore messages, BooleanSupplier ready) implements Family {

    public static Logs open(NodeConfig config, Engines engines, LogListener listener) {
        return switch (config.logType()) {
            case "sqlite" -> new Logs(new SqliteMessageLog(engines.sqlite(), config.sqlite().maxBatch(), listener),
                    new SqliteMessageStore(engines.sqlite()), engines::ready);
            case "postgres" -> new Logs(new PostgresMessageLog(engines.postgres(), config.postgres().maxBatch(), listener),
                    new PostgresMessageStore(engines.postgres()), engines::ready);
            case "kafka" -> kafka(config, engines, listener);
            default -> throw Family.unknown("log", config.logType(), "sqlite, postgres, kafka");
        };
    }

    private static Logs kafka(NodeConfig config, Engines engines, LogListener listener) {
        if (!config.storeType().equals("postgres")) {
            throw new IllegalArgumentException("log.type kafka keeps memberships and channels in PostgreSQL: set store.type to postgres");
        }
        KafkaClients.ensureTopic(config.kafka());
        CassandraDatabase cassandra = engines.cassandra();
        CassandraMessageStore messages = new CassandraMessageStore(cassandra);
        // Outcomes of appends travel between the nodes on Redis when the relay is there (a cluster); else read from Cassandra.
        NodeMailbox mailbox = config.relayType().equals("redis")
                ? new RedisNodeMailbox(engines.redis(), config.redis().prefix()) : NodeMailbox.NONE;
        KafkaMessageLog log = new KafkaMessageLog(config.kafka(), engines.kafka(), new CassandraLogRows(cassandra), messages,
                new PostgresConversationRows(engines.postgres()), new PostgresConversationStore(engines.postgres()), mailbox,
                listener);
        return new Logs(log, messages, engines::ready);
    }

    @Override
    public void close() {
        log.close();
    }
}
