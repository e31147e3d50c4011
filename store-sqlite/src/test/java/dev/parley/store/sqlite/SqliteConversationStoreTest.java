package dev.parley.store.sqlite;

import dev.parley.core.conversation.ConversationStore;
import dev.parley.testkit.ConversationStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteConversationStoreTest extends ConversationStoreContract {
    @TempDir
    Path dir;
    private SqliteDatabase db;

    @Override
    protected ConversationStore newStore() {
        db = new SqliteDatabase(dir.resolve("parley.db"), SqliteSettings.defaults());
        return new SqliteConversationStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
