package dev.parley.store.postgres;

import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.JdbcTicketStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Tickets in PostgreSQL. Taking one deletes its row and reads the payload in one statement: of nodes taking a
 * ticket at once, the first deletes it and the others, once it committed, find nothing. Expired tickets are
 * swept a few at a time whenever one is taken, skipping rows another node is already deleting, so sweeps never
 * wait for each other.
 */
public final class PostgresTicketStore extends JdbcTicketStore {
    private static final int SWEEP = 100;

    private record Taken(String payload, Instant expiresAt) {
    }

    public PostgresTicketStore(PostgresDatabase db) {
        super(db);
    }

    @Override
    public Optional<String> take(String kind, String key, Instant now) {
        return db.write(c -> {
            Optional<String> payload = Jdbc.one(c, """
                    DELETE FROM tickets WHERE kind = ? AND secret_hash = ? RETURNING payload, expires_at""",
                    rs -> new Taken(rs.getString("payload"), Jdbc.instant(rs, "expires_at")), kind, key)
                    .filter(t -> now.isBefore(t.expiresAt())).map(Taken::payload);
            Jdbc.update(c, """
                    DELETE FROM tickets WHERE (kind, secret_hash) IN (
                      SELECT kind, secret_hash FROM tickets WHERE expires_at <= ? LIMIT ? FOR UPDATE SKIP LOCKED)""",
                    now, SWEEP);
            return payload;
        });
    }
}
