package dev.parley.store.sqlite;

import dev.parley.core.event.LogListener;
import dev.parley.testkit.Backend;
import dev.parley.testkit.ConversationStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteConversationStoreTest extends ConversationStoreContract {
    @TempDir
    Path dir;

    @Override
    protected Backend newBackend() {
        SqliteDatabase db = new SqliteDatabase(dir.resolve("parley.db"), SqliteSettings.defaults());
        return new Backend(new SqliteAccountStore(db), new SqliteConversationStore(db), new SqliteMessageStore(db),
                new SqliteMessageLog(db, SqliteSettings.defaults().maxBatch(), LogListener.NONE), db);
    }
}
