package dev.parley.store.sqlite;

import dev.parley.core.account.InviteStore;
import dev.parley.testkit.InviteStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteInviteStoreTest extends InviteStoreContract {
    @TempDir
    Path dir;
    private SqliteDatabase db;

    @Override
    protected InviteStore newStore() {
        db = new SqliteDatabase(dir.resolve("parley.db"), SqliteSettings.defaults());
        return new SqliteInviteStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
