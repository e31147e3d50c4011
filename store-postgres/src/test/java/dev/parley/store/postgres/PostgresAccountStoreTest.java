package dev.parley.store.postgres;

import dev.parley.core.account.AccountStore;
import dev.parley.engines.PostgresExtension;
import dev.parley.testkit.AccountStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAccountStoreTest extends AccountStoreContract {
    @RegisterExtension
    static final PostgresExtension PG = TestDatabase.PG;

    private PostgresDatabase db;

    @Override
    protected AccountStore newStore() {
        db = TestDatabase.open(PostgresSettings.DEFAULT_MAX_BATCH);
        return new PostgresAccountStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
