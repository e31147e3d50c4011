package dev.parley.server.backend;

import dev.parley.server.config.NodeConfig;
import dev.parley.state.redis.RedisConnections;
import dev.parley.store.postgres.PostgresDatabase;
import dev.parley.store.sqlite.SqliteDatabase;

/**
 * The engine connections that several port families of one node share, opened on first use and closed last:
 * one SQLite database for every family configured as {@code sqlite}, one PostgreSQL pool for every family
 * configured as {@code postgres}, and one set of Redis connections for every family configured as {@code redis}.
 */
public final class Engines implements AutoCloseable {
    private final NodeConfig config;
    private SqliteDatabase sqlite;
    private RedisConnections redis;
    private PostgresDatabase postgres;

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

    public synchronized PostgresDatabase postgres() {
        if (postgres == null) {
            postgres = new PostgresDatabase(config.postgres());
        }
        return postgres;
    }

    /** True when every opened engine answers. */
    public synchronized boolean ready() {
        return (sqlite == null || sqlite.read(c -> c.createStatement().execute("SELECT 1")))
                && (redis == null || redis.isReachable())
                && (postgres == null || postgres.ready());
    }

    @Override
    public synchronized void close() {
        if (sqlite != null) {
            sqlite.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
