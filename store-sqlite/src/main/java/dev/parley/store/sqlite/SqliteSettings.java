package dev.parley.store.sqlite;

/**
 * Tuning of the embedded database. {@code synchronous} is SQLite's PRAGMA: FULL survives power loss,
 * NORMAL survives a killed process (WAL). {@code maxBatch} bounds one group commit of the sequencer.
 */
public record SqliteSettings(String synchronous, int readers, int cacheKib, int maxBatch) {
    public SqliteSettings {
        if (!synchronous.matches("(?i)OFF|NORMAL|FULL|EXTRA")) {
            throw new IllegalArgumentException("synchronous must be OFF, NORMAL, FULL or EXTRA: " + synchronous);
        }
        if (readers < 1 || maxBatch < 1 || cacheKib < 0) {
            throw new IllegalArgumentException("readers and maxBatch must be >= 1, cacheKib >= 0");
        }
    }

    public static SqliteSettings defaults() {
        return new SqliteSettings("FULL", 4, 65536, 1000);
    }
}
