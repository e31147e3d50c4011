package dev.parley.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A relational database the stores run their JDBC work on. Each adapter says how a failure reaches the caller and
 * what two processes writing at once may see.
 */
public interface Database {
    /** A unit of JDBC work. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} outside a transaction of its own, seeing committed data. */
    <T> T read(Work<T> work);

    /** Runs {@code work} in one transaction, committed when it returns and rolled back if it throws. */
    <T> T write(Work<T> work);
}
