package dev.parley.store.postgres;

import dev.parley.core.event.LogListener;
import dev.parley.engines.PostgresExtension;
import dev.parley.testkit.Backend;

/**
 * The database the tests of this module share (the contracts use fresh ids and names, so it need not be empty):
 * created once per test JVM on the shared PostgreSQL, migrated by the first store that opens it.
 */
final class TestDatabase {
    static final PostgresExtension PG = PostgresExtension.shared();
    private static final int POOL_SIZE = 4;
    private static String url;

    private TestDatabase() {
    }

    static synchronized String url() {
        if (url == null) {
            url = PG.newDatabase();
        }
        return url;
    }

    /** A node's pool on the shared database. */
    static PostgresDatabase open(int maxBatch) {
        return new PostgresDatabase(new PostgresSettings(url(), POOL_SIZE, maxBatch));
    }

    /** Every store of one node on {@code db}, its log telling {@code listener}. */
    static Backend backend(PostgresDatabase db, int maxBatch, LogListener listener) {
        return new Backend(new PostgresAccountStore(db), new PostgresConversationStore(db), new PostgresMessageStore(db),
                new PostgresMessageLog(db, maxBatch, listener), db);
    }
}
