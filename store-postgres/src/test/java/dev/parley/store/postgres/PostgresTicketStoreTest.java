package dev.parley.store.postgres;

import dev.parley.core.account.TicketStore;
import dev.parley.engines.PostgresExtension;
import dev.parley.testkit.TicketStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTicketStoreTest extends TicketStoreContract {
    @RegisterExtension
    static final PostgresExtension PG = TestDatabase.PG;

    private PostgresDatabase db;

    @Override
    protected TicketStore newStore() {
        db = TestDatabase.open(PostgresSettings.DEFAULT_MAX_BATCH);
        return new PostgresTicketStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
