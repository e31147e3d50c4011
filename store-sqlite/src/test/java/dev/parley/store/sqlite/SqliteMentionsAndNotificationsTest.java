package dev.parley.store.sqlite;

import dev.parley.core.event.LogListener;
import dev.parley.core.notification.PushSubscriptionStore;
import dev.parley.testkit.Backend;
import dev.parley.testkit.MentionsAndNotificationsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteMentionsAndNotificationsTest extends MentionsAndNotificationsContract {
    @TempDir
    Path dir;
    private SqliteDatabase db;

    @Override
    protected Backend newBackend(LogListener listener) {
        db = new SqliteDatabase(dir.resolve("parley.db"), SqliteSettings.defaults());
        return new Backend(new SqliteAccountStore(db), new SqliteConversationStore(db), new SqliteMessageStore(db),
                new SqliteMessageLog(db, SqliteSettings.defaults().maxBatch(), listener), db);
    }

    @Override
    protected PushSubscriptionStore pushSubscriptions() {
        return new SqlitePushSubscriptionStore(db);
    }
}
