package dev.parley.store.sqlite;

/**
 * The log contract again with commits of at most two entries, so that repeated nonces, edits of fresh
 * messages and seq counters cross batch boundaries instead of meeting inside one batch.
 */
class SqliteMessageLogSmallBatchTest extends SqliteMessageLogTest {
    @Override
    protected int maxBatch() {
        return 2;
    }
}
