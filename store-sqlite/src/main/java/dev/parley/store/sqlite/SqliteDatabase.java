package dev.parley.store.sqlite;

import dev.parley.store.jdbc.Database;
import dev.parley.store.jdbc.Jdbc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite database in WAL mode: a single writer connection (every write, including the sequencer's
 * batches, takes it in turn, so writers never meet SQLITE_BUSY) and a small pool of reader connections
 * that read committed data while a write is under way.
 */
public final class SqliteDatabase implements Database, AutoCloseable {
    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers;

    public SqliteDatabase(Path file, SqliteSettings settings) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.url = "jdbc:sqlite:" + file.toAbsolutePath();
            this.writer = open(settings, false);
            new Migrations(writer).apply();
            this.readers = new ArrayBlockingQueue<>(settings.readers());
            for (int i = 0; i < settings.readers(); i++) {
                readers.add(open(settings, true));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot open SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    private Connection open(SqliteSettings settings, boolean reader) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            if (!reader) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = " + settings.synchronous());
            }
            s.execute("PRAGMA cache_size = -" + settings.cacheKib());
            s.execute("PRAGMA temp_store = MEMORY");
        }
        Jdbc.keepStatements(c);
        return c;
    }

    /** Runs {@code work} in one write transaction, committed when it returns and rolled back if it throws. */
    @Override
    public <T> T write(Work<T> work) {
        writeLock.lock();
        try {
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a reader connection. */
    @Override
    public <T> T read(Work<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(new SQLException("interrupted while waiting for a reader", e));
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            readers.add(c);
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            for (Connection c : readers) {
                Jdbc.forget(c);
                c.close();
            }
            Jdbc.forget(writer);
            writer.close();
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            writeLock.unlock();
        }
    }
}
