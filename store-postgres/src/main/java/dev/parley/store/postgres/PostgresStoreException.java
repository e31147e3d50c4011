package dev.parley.store.postgres;

import java.sql.SQLException;

/** A database failure that says nothing about the database being away (a bug or a broken row): an internal error. */
public final class PostgresStoreException extends RuntimeException {
    public PostgresStoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
