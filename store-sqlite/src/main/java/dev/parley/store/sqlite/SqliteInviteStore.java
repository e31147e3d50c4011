package dev.parley.store.sqlite;

import dev.parley.core.account.Invite;
import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.JdbcInviteStore;
import java.time.Instant;
import java.util.Optional;

public final class SqliteInviteStore extends JdbcInviteStore {
    public SqliteInviteStore(SqliteDatabase db) {
        super(db);
    }

    @Override
    public Optional<Invite> use(String code, Instant now) {
        return db.write(c -> {
            Optional<Invite> found = Jdbc.one(c, "SELECT * FROM invites WHERE code = ?", JdbcInviteStore::invite, code)
                    .filter(i -> i.usableAt(now));
            if (found.isPresent()) {
                Jdbc.update(c, "UPDATE invites SET uses = uses + 1 WHERE code = ?", code);
            }
            return found;
        });
    }
}
