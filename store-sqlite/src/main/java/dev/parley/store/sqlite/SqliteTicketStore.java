package dev.parley.store.sqlite;

import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.JdbcTicketStore;
import java.time.Instant;
import java.util.Optional;

/** Tickets in one table; expired ones are swept whenever one is taken. */
public final class SqliteTicketStore extends JdbcTicketStore {
    public SqliteTicketStore(SqliteDatabase db) {
        super(db);
    }

    @Override
    public Optional<String> take(String kind, String key, Instant now) {
        return db.write(c -> {
            Optional<String> payload = Jdbc.one(c, "SELECT payload FROM tickets WHERE kind = ? AND secret_hash = ? AND expires_at > ?",
                    rs -> rs.getString(1), kind, key, now);
            Jdbc.update(c, "DELETE FROM tickets WHERE kind = ? AND secret_hash = ?", kind, key);
            Jdbc.update(c, "DELETE FROM tickets WHERE expires_at <= ?", now);
            return payload;
        });
    }
}
