package dev.parley.store.postgres;

import dev.parley.core.event.LogListener;
import dev.parley.engines.PostgresExtension;
import dev.parley.testkit.Backend;
import dev.parley.testkit.ConversationStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresConversationStoreTest extends ConversationStoreContract {
    @RegisterExtension
    static final PostgresExtension PG = TestDatabase.PG;

    @Override
    protected Backend newBackend() {
        int maxBatch = PostgresSettings.DEFAULT_MAX_BATCH;
        return TestDatabase.backend(TestDatabase.open(maxBatch), maxBatch, LogListener.NONE);
    }
}
