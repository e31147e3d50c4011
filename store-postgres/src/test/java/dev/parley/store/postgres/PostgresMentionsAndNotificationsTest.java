package dev.parley.store.postgres;

import dev.parley.core.event.LogListener;
import dev.parley.core.notification.PushSubscriptionStore;
import dev.parley.engines.PostgresExtension;
import dev.parley.testkit.Backend;
import dev.parley.testkit.MentionsAndNotificationsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMentionsAndNotificationsTest extends MentionsAndNotificationsContract {
    @RegisterExtension
    static final PostgresExtension PG = TestDatabase.PG;
    private PostgresDatabase db;

    @Override
    protected Backend newBackend(LogListener listener) {
        int maxBatch = PostgresSettings.DEFAULT_MAX_BATCH;
        db = TestDatabase.open(maxBatch);
        return TestDatabase.backend(db, maxBatch, listener);
    }

    @Override
    protected PushSubscriptionStore pushSubscriptions() {
        return new PostgresPushSubscriptionStore(db);
    }
}
