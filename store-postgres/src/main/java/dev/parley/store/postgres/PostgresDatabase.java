package dev.parley.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.store.jdbc.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A pool of connections to one PostgreSQL database (HikariCP), its schema migrated at start (Flyway, scripts
 * {@code db/postgres/V*.sql}; several nodes starting at once migrate once, under Flyway's lock).
 *
 * <p>Nothing waits long on a database that is away: taking a connection gives up after 2 s, connecting after
 * 2 s, a statement after 10 s on the server and 30 s on the socket. Calls then fail with
 * {@code ParleyException(UNAVAILABLE)}; the pool replaces broken connections, so calls succeed again as soon
 * as the database is back. Thread-safe.
 */
public final class PostgresDatabase implements Database, AutoCloseable {
    static final long CONNECTION_TIMEOUT_MS = 2_000;
    private static final int CONNECT_TIMEOUT_S = 2;
    private static final int SOCKET_TIMEOUT_S = 30;
    private static final int STATEMENT_TIMEOUT_MS = 10_000;
    private static final int READY_TIMEOUT_S = 1;
    /** How long a starting node keeps trying to reach its database (started at the same time, say) before giving up. */
    private static final long STARTUP_WAIT_MS = 30_000;

    private final HikariDataSource pool;

    public PostgresDatabase(PostgresSettings settings) {
        if (settings.url() == null) {
            throw new IllegalArgumentException("postgres.url must be set to use PostgreSQL");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley-postgres");
        config.setJdbcUrl(settings.url());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(READY_TIMEOUT_S * 1000L);
        config.setInitializationFailTimeout(STARTUP_WAIT_MS);
        // driver defaults; parameters of postgres.url override them
        config.addDataSourceProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
        config.addDataSourceProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_S));
        config.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_S));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT_MS);
        try {
            this.pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to PostgreSQL at " + settings.safeUrl() + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/postgres").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot migrate PostgreSQL at " + settings.safeUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode. */
    @Override
    public <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw StoreFailures.translate(e);
        }
    }

    /** Runs {@code work} in one transaction (READ COMMITTED), committed when it returns and rolled back if it throws. */
    @Override
    public <T> T write(Work<T> work) {
        try {
            return transaction(work);
        } catch (SQLException e) {
            throw StoreFailures.translate(e);
        }
    }

    /** Like {@link #write} but lets the {@link SQLException} through, for callers that report failures themselves. */
    <T> T transaction(Work<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    /** For readiness checks: true when a connection answers {@code SELECT 1} within a second or two. */
    public boolean ready() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(READY_TIMEOUT_S);
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void rollbackQuietly(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
