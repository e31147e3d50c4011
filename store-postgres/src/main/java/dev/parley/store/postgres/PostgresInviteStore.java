package dev.parley.store.postgres;

import dev.parley.core.account.Invite;
import dev.parley.core.account.InviteStore;
import dev.parley.store.jdbc.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Invites in PostgreSQL. A use is counted under the invite's row lock ({@code SELECT ... FOR UPDATE}): of nodes
 * using an invite at once, each waits for the one before it to commit and then decides ({@link Invite#usableAt})
 * on the uses as counted so far, so an invite is never used more often than it allows.
 */
public final class PostgresInviteStore implements InviteStore {
    private final PostgresDatabase db;

    public PostgresInviteStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public void create(Invite i) {
        db.write(c -> Jdbc.update(c, """
                INSERT INTO invites (code, max_uses, uses, expires_at, grants_admin, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                i.code(), i.maxUses(), i.uses(), i.expiresAt(), i.grantsAdmin(), i.createdBy(), i.createdAt()));
    }

    @Override
    public List<Invite> list() {
        return db.read(c -> Jdbc.list(c, "SELECT * FROM invites ORDER BY created_at DESC, code", PostgresInviteStore::invite));
    }

    @Override
    public boolean delete(String code) {
        return db.write(c -> Jdbc.update(c, "DELETE FROM invites WHERE code = ?", code) == 1);
    }

    @Override
    public Optional<Invite> use(String code, Instant now) {
        return db.write(c -> {
            Optional<Invite> usable = Jdbc.one(c, "SELECT * FROM invites WHERE code = ? FOR UPDATE",
                    PostgresInviteStore::invite, code).filter(i -> i.usableAt(now));
            if (usable.isPresent()) {
                Jdbc.update(c, "UPDATE invites SET uses = uses + 1 WHERE code = ?", code);
            }
            return usable;
        });
    }

    @Override
    public void giveBack(String code) {
        db.write(c -> Jdbc.update(c, "UPDATE invites SET uses = uses - 1 WHERE code = ? AND uses > 0", code));
    }

    private static Invite invite(ResultSet rs) throws SQLException {
        Long maxUses = Jdbc.nullableLong(rs, "max_uses");
        return new Invite(rs.getString("code"), maxUses == null ? null : maxUses.intValue(), rs.getInt("uses"),
                Jdbc.instant(rs, "expires_at"), rs.getBoolean("grants_admin"), Jdbc.nullableLong(rs, "created_by"),
                Jdbc.instant(rs, "created_at"));
    }
}
