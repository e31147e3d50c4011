package dev.parley.server.backend;

import dev.parley.server.config.NodeConfig;
import dev.parley.store.sqlite.SqliteDatabase;

/**
 * The engine connections that several port families of one node share, opened on first use and closed last:
 * one SQLite database for every family configured as {@code sqlite}.
 */
public final class Engines implements AutoCloseable {
    private final NodeConfig config;
    private SqliteDatabase sqlite;

    public Engines(NodeConfig config) {
        this.config = config;
    }

    public synchronized SqliteDatabase sqlite() {
        if (sqlite == null) {
            sqlite = new SqliteDatabase(config.dataDir().resolve("parley.db"), config.sqlite());
        }
        return sqlite;
    }

    /** True when every opened engine answers. */
    public synchronized boolean ready() {
        return sqlite == null || sqlite.read(c -> c.createStatement().execute("SELECT 1"));
    }

    @Override
    public synchronized void close() {
        if (sqlite != null) {
            sqlite.close();
        }
    }
}
