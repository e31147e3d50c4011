package dev.parley.log.kafka;

import dev.parley.core.event.LogListener;
import dev.parley.core.notification.PushSubscriptionStore;
import dev.parley.engines.CassandraExtension;
import dev.parley.engines.PostgresExtension;
import dev.parley.engines.kafka.KafkaExtension;
import dev.parley.store.postgres.PostgresPushSubscriptionStore;
import dev.parley.testkit.Backend;
import dev.parley.testkit.MentionsAndNotificationsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mentions, unread-mention counts and notification data on the second tier. */
class KafkaMentionsAndNotificationsTest extends MentionsAndNotificationsContract {
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

    @Override
    protected PushSubscriptionStore pushSubscriptions() {
        return new PostgresPushSubscriptionStore(TierTwo.postgres());
    }
}
