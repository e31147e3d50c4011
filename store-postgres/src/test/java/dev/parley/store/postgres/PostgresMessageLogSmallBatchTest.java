package dev.parley.store.postgres;

/**
 * The log contract again with commits of at most two entries, so that repeated nonces, edits of fresh
 * messages and seqs cross batch boundaries instead of meeting inside one batch.
 */
class PostgresMessageLogSmallBatchTest extends PostgresMessageLogTest {
    @Override
    protected int maxBatch() {
        return 2;
    }
}
