package dev.parley.store.postgres;

import dev.parley.core.account.Invite;
import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.JdbcInviteStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Invites in PostgreSQL. A use is counted under the invite's row lock ({@code SELECT ... FOR UPDATE}): of nodes
 * using an invite at once, each waits for the one before it to commit and then decides ({@link Invite#usableAt})
 * on the uses as counted so far, so an invite is never used more often than it allows.
 */
public final class PostgresInviteStore extends JdbcInviteStore {
    public PostgresInviteStore(PostgresDatabase db) {
        super(db);
    }

    @Override
    public Optional<Invite> use(String code, Instant now) {
        return db.write(c -> {
            Optional<Invite> usable = Jdbc.one(c, "SELECT * FROM invites WHERE code = ? FOR UPDATE",
                    JdbcInviteStore::invite, code).filter(i -> i.usableAt(now));
            if (usable.isPresent()) {
                Jdbc.update(c, "UPDATE invites SET uses = uses + 1 WHERE code = ?", code);
            }
            return usable;
        });
    }
}
