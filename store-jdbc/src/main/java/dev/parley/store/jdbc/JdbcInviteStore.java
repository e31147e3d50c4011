package dev.parley.store.jdbc;

import dev.parley.core.account.Invite;
import dev.parley.core.account.InviteStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** What the SQLite and PostgreSQL invite stores do alike; each adapter counts a use as its database allows. */
public abstract class JdbcInviteStore implements InviteStore {
    protected final Database db;

    protected JdbcInviteStore(Database db) {
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
        return db.read(c -> Jdbc.list(c, "SELECT * FROM invites ORDER BY created_at DESC, code", JdbcInviteStore::invite));
    }

    @Override
    public boolean delete(String code) {
        return db.write(c -> Jdbc.update(c, "DELETE FROM invites WHERE code = ?", code) == 1);
    }

    @Override
    public void giveBack(String code) {
        db.write(c -> Jdbc.update(c, "UPDATE invites SET uses = uses - 1 WHERE code = ? AND uses > 0", code));
    }

    protected static Invite invite(ResultSet rs) throws SQLException {
        Long maxUses = Jdbc.nullableLong(rs, "max_uses");
        return new Invite(rs.getString("code"), maxUses == null ? null : maxUses.intValue(), rs.getInt("uses"),
                Jdbc.instant(rs, "expires_at"), rs.getBoolean("grants_admin"), Jdbc.nullableLong(rs, "created_by"),
                Jdbc.instant(rs, "created_at"));
    }
}
