package dev.parley.store.postgres;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * What a caller is told when a database call fails: while PostgreSQL cannot be reached, is shutting down, is
 * out of connections or timed out, {@code unavailable} (a retry may succeed); anything else is an internal
 * error.
 */
final class StoreFailures {
    /** SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention (incl. timeouts). */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "57");
    /** serialization failure, deadlock, lock not available, read-only transaction (a standby after a failover). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("40001", "40P01", "55P03", "25006");

    private StoreFailures() {
    }

    static RuntimeException translate(SQLException e) {
        return isUnavailable(e) ? unavailable() : new PostgresStoreException(e);
    }

    static ParleyException unavailable() {
        return new ParleyException(ErrorCode.UNAVAILABLE, "the database is unavailable; try again");
    }

    static boolean isUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.length() == 5 && (UNAVAILABLE_CLASSES.contains(state.substring(0, 2))
                        || UNAVAILABLE_STATES.contains(state))) {
                    return true;
                }
            }
        }
        return false;
    }
}
