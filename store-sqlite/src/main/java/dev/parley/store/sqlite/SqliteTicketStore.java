package dev.parley.store.sqlite;

import dev.parley.core.account.TicketStore;
import dev.parley.store.jdbc.Jdbc;
import java.time.Instant;
import java.util.Optional;

/** Tickets in one table; expired ones are swept whenever one is taken. */
public final class SqliteTicketStore implements TicketStore {
    private final SqliteDatabase db;

    public SqliteTicketStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public void put(String kind, String key, String payload, Instant expiresAt) {
        db.write(c -> Jdbc.update(c, """
                    INSERT INTO tickets (kind, secret_hash, payload, expires_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (kind, secret_hash) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at""",
                    kind, key, payload, expiresAt));
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
