package dev.parley.server.backend;

import dev.parley.server.config.NodeConfig;
import dev.parley.state.redis.RedisConnections;
import dev.parley.store.sqlite.SqliteDatabase;

/**
 * The engine connections that several port families of one node share, opened on first use and closed last:
 * one SQLite database for every family configured as {@code sqlite}, and one set of Redis connections for every
 * family configured as {@code redis}.
 */
public final class Engines implements AutoCloseable {
    private final NodeConfig config;
    private SqliteDatabase sqlite;
    private RedisConnections redis;

    public Engines(NodeConfig config) {
        this.config = config;
    }

    public synchronized SqliteDatabase sqlite() {
        if (sqlite == null) {
            sqlite = new SqliteDatabase(config.dataDir().resolve("parley.db"), config.sqlite());
        }
        return sqlite;
    }

    public synchronized RedisConnections redis() {
        if (redis == null) {
            redis = RedisConnections.open(config.redis().url(), config.redis().timeout());
        }
        return redis;
    }

    /** True when every opened engine answers. */
    public synchronized boolean ready() {
        return (sqlite == null || sqlite.read(c -> c.createStatement().execute("SELECT 1")))
                && (redis == null || redis.isReachable());
    }

    @Override
    public synchronized void close() {
        if (sqlite != null) {
            sqlite.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
