package dev.parley.store.postgres;

import dev.parley.core.account.InviteStore;
import dev.parley.engines.PostgresExtension;
import dev.parley.testkit.InviteStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresInviteStoreTest extends InviteStoreContract {
    @RegisterExtension
    static final PostgresExtension PG = TestDatabase.PG;

    private PostgresDatabase db;

    @Override
    protected InviteStore newStore() {
        db = TestDatabase.open(PostgresSettings.DEFAULT_MAX_BATCH);
        return new PostgresInviteStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
