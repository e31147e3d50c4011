package dev.parley.log.kafka;

import dev.parley.core.event.LogListener;
import dev.parley.engines.CassandraExtension;
import dev.parley.engines.PostgresExtension;
import dev.parley.engines.kafka.KafkaExtension;
import dev.parley.testkit.Backend;
import dev.parley.testkit.ConversationStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conversation store contract with the second tier's log writing memberships and channels. */
class KafkaConversationStoreTest extends ConversationStoreContract {
    @RegisterExtension
    static final PostgresExtension PG = TierTwo.PG;
    @RegisterExtension
    static final CassandraExtension CASSANDRA = TierTwo.CASSANDRA;
    @RegisterExtension
    static final KafkaExtension KAFKA = TierTwo.KAFKA;
    @RegisterExtension
    static final TierTwo CLIENTS = TierTwo.CLIENTS;

    @Override
    protected Backend newBackend() {
        return TierTwo.backend(LogListener.NONE);
    }
}
