package dev.parley.store.jdbc;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.Scope;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.presence.StatusSetting;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the SQLite and PostgreSQL account stores do alike; each adapter adds the queries its SQL dialect writes
 * differently (flags, id lists, case-insensitive matching, returning rows) and how a session's scope is stored.
 */
public abstract class JdbcAccountStore implements AccountStore {
    private static final String SELECT_USER = "SELECT " + Rows.USER_COLUMNS + " FROM users";

    protected final Database db;

    protected JdbcAccountStore(Database db) {
        this.db = db;
    }

    /** A session's {@code conversation_ids} as this adapter stores them; empty when NULL (every conversation). */
    protected abstract Set<Long> scopeConversations(ResultSet rs) throws SQLException;

    @Override
    public boolean createUser(NewUser u) {
        return db.write(c -> insertUser(c, u));
    }

    /** Inserts the user unless the username is taken; true when inserted. */
    protected static boolean insertUser(Connection c, NewUser u) throws SQLException {
        return Jdbc.update(c, """
                INSERT INTO users (id, username, display_name, email, password_hash, status_text, created_at, admin,
                                   bot_owner_id)
                VALUES (?, ?, ?, ?, ?, '', ?, ?, ?) ON CONFLICT (username) DO NOTHING""",
                u.id(), u.username(), u.displayName(), u.email(), u.passwordHash(), u.createdAt(), u.admin(),
                u.botOwnerId()) == 1;
    }

    @Override
    public Optional<User> findUser(long id) {
        return db.read(c -> Jdbc.one(c, SELECT_USER + " WHERE id = ?", Rows::user, id));
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return db.read(c -> Jdbc.one(c, SELECT_USER + " WHERE username = ?", Rows::user, username));
    }

    @Override
    public Optional<String> passwordHash(long userId) {
        return db.read(c -> Jdbc.one(c, "SELECT password_hash FROM users WHERE id = ?", rs -> rs.getString(1), userId));
    }

    @Override
    public Optional<Session> findSessionByTokenHash(String tokenHash) {
        return db.read(c -> Jdbc.one(c, "SELECT * FROM sessions WHERE token_hash = ?", this::session, tokenHash));
    }

    @Override
    public List<Session> listSessions(long userId) {
        return db.read(c -> Jdbc.list(c, "SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at, id",
                this::session, userId));
    }

    @Override
    public boolean deleteSession(long userId, long sessionId) {
        return db.write(c -> Jdbc.update(c, "DELETE FROM sessions WHERE id = ? AND user_id = ?", sessionId, userId) == 1);
    }

    @Override
    public void touchSession(long sessionId, Instant lastSeenAt) {
        db.write(c -> Jdbc.update(c, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", lastSeenAt, sessionId));
    }

    @Override
    public void setStatus(long userId, StatusSetting setting) {
        db.write(c -> Jdbc.update(c, "UPDATE users SET status_choice = ?, status_chosen_at = ? WHERE id = ?",
                setting.choice().name().toLowerCase(Locale.ROOT), setting.chosenAt(), userId));
    }

    @Override
    public Optional<Account> findAccount(long userId) {
        return db.read(c -> Jdbc.one(c, "SELECT " + Rows.ACCOUNT_COLUMNS + " FROM users WHERE id = ?", Rows::account,
                userId));
    }

    @Override
    public boolean setAdmin(long userId, boolean admin) {
        return db.write(c -> Jdbc.update(c, "UPDATE users SET admin = ? WHERE id = ?", admin, userId) == 1);
    }

    @Override
    public boolean setDeactivated(long userId, boolean deactivated) {
        return db.write(c -> Jdbc.update(c, "UPDATE users SET deactivated = ? WHERE id = ?", deactivated, userId) == 1);
    }

    @Override
    public boolean hasUsers() {
        return db.read(c -> Jdbc.one(c, "SELECT 1 FROM users LIMIT 1", rs -> true)).isPresent();
    }

    @Override
    public boolean setPasswordHash(long userId, String passwordHash) {
        return db.write(c -> Jdbc.update(c, "UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId) == 1);
    }

    @Override
    public Optional<Long> findIdentity(String issuer, String subject) {
        return db.read(c -> identity(c, issuer, subject));
    }

    /** The user an identity of a single sign-on issuer is linked to. */
    protected static Optional<Long> identity(Connection c, String issuer, String subject) throws SQLException {
        return Jdbc.one(c, "SELECT user_id FROM identities WHERE issuer = ? AND subject = ?", rs -> rs.getLong(1),
                issuer, subject);
    }

    private Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getLong("id"), rs.getLong("user_id"), rs.getString("device_name"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_seen_at"), scope(rs));
    }

    /** {@code scope} holds the access in lower case. */
    private Scope scope(ResultSet rs) throws SQLException {
        Scope.Access access = Scope.Access.valueOf(rs.getString("scope").toUpperCase(Locale.ROOT));
        if (access == Scope.Access.PERSON) {
            return Scope.PERSON;
        }
        return new Scope(access, scopeConversations(rs));
    }
}
