package dev.parley.store.sqlite;

import dev.parley.core.account.TicketStore;
import dev.parley.testkit.TicketStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteTicketStoreTest extends TicketStoreContract {
    @TempDir
    Path dir;
    private SqliteDatabase db;

    @Override
    protected TicketStore newStore() {
        db = new SqliteDatabase(dir.resolve("parley.db"), SqliteSettings.defaults());
        return new SqliteTicketStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
