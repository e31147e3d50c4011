package dev.parley.store.sqlite;

import dev.parley.core.account.AccountStore;
import dev.parley.testkit.AccountStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteAccountStoreTest extends AccountStoreContract {
    @TempDir
    Path dir;
    private SqliteDatabase db;

    @Override
    protected AccountStore newStore() {
        db = new SqliteDatabase(dir.resolve("parley.db"), SqliteSettings.defaults());
        return new SqliteAccountStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
