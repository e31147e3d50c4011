package dev.parley.store.cassandra;

/**
 * Messages and events of a conversation are partitioned by bucket: seqs 0–999 are bucket 0, 1000–1999 bucket 1, and so
 * on. A partition thus holds at most 1,000 rows (≈ 0.3 MB of chat), and a page of 100 reads one bucket, or two when it
 * crosses a boundary.
 */
final class SeqBuckets {
    static final long SIZE = 1_000;

    private SeqBuckets() {
    }

    static long of(long seq) {
        return seq / SIZE;
    }
}
