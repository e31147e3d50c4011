package dev.parley.log.kafka;

import dev.parley.core.event.LogListener;
import dev.parley.engines.CassandraExtension;
import dev.parley.engines.PostgresExtension;
import dev.parley.engines.kafka.KafkaExtension;
import dev.parley.testkit.Backend;
import dev.parley.testkit.MessageLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The log contract on the second tier: Kafka log, Cassandra messages, PostgreSQL accounts and conversations. */
class KafkaMessageLogTest extends MessageLogContract {
    @RegisterExtension
    static final PostgresExtension PG = TierTwo.PG;
    @RegisterExtension
    static final CassandraExtension CASSANDRA = TierTwo.CASSANDRA;
    @RegisterExtension
    static final KafkaExtension KAFKA = TierTwo.KAFKA;
    @RegisterExtension
    static final TierTwo CLIENTS = TierTwo.CLIENTS;

    @Override
    protected Backend newBackend(LogListener listener) {
        return TierTwo.backend(listener);
    }
}
