package dev.parley.store.jdbc;

import dev.parley.core.account.TicketStore;
import java.time.Instant;

/** What the SQLite and PostgreSQL ticket stores do alike; each adapter takes a ticket as its database allows. */
public abstract class JdbcTicketStore implements TicketStore {
    protected final Database db;

    protected JdbcTicketStore(Database db) {
        this.db = db;
    }

    @Override
    public void put(String kind, String key, String payload, Instant expiresAt) {
        db.write(c -> Jdbc.update(c, """
                INSERT INTO tickets (kind, secret_hash, payload, expires_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (kind, secret_hash) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at""",
                kind, key, payload, expiresAt));
    }
}
