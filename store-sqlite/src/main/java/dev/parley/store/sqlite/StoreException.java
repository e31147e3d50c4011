package dev.parley.store.sqlite;

import java.sql.SQLException;

/** A database failure: never the caller's fault, reported as an internal error. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
