package dev.parley.store.sqlite;

import dev.parley.core.account.AccountStore;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.ProfileUpdate;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.presence.StatusChoice;
import dev.parley.core.presence.StatusSetting;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class SqliteAccountStore implements AccountStore {
    private static final String USER_COLUMNS = "id, username, display_name, avatar_url, status_text, created_at";

    private final SqliteDatabase db;

    public SqliteAccountStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public boolean createUser(NewUser u) {
        return db.write(c -> Jdbc.update(c, """
                INSERT INTO users (id, username, display_name, email, password_hash, status_text, created_at)
                VALUES (?, ?, ?, ?, ?, '', ?) ON CONFLICT (username) DO NOTHING""",
                u.id(), u.username(), u.displayName(), u.email(), u.passwordHash(), u.createdAt()) == 1);
    }

    @Override
    public Optional<User> findUser(long id) {
        return db.read(c -> Jdbc.one(c, "SELECT " + USER_COLUMNS + " FROM users WHERE id = ?", SqliteAccountStore::user, id));
    }

    @Override
    public Map<Long, User> findUsers(Collection<Long> ids) {
        Map<Long, User> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        db.read(c -> Jdbc.list(c, "SELECT " + USER_COLUMNS + " FROM users WHERE id IN (" + marks + ")",
                SqliteAccountStore::user, ids.toArray())).forEach(u -> out.put(u.id(), u));
        return out;
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return db.read(c -> Jdbc.one(c, "SELECT " + USER_COLUMNS + " FROM users WHERE username = ?",
                SqliteAccountStore::user, username));
    }

    @Override
    public List<User> searchByPrefix(String prefix, int limit) {
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return db.read(c -> Jdbc.list(c, "SELECT " + USER_COLUMNS
                        + " FROM users WHERE username LIKE ? ESCAPE '\\' ORDER BY username LIMIT ?",
                SqliteAccountStore::user, escaped + "%", limit));
    }

    @Override
    public Optional<String> passwordHash(long userId) {
        return db.read(c -> Jdbc.one(c, "SELECT password_hash FROM users WHERE id = ?", rs -> rs.getString(1), userId));
    }

    @Override
    public Optional<User> updateProfile(long userId, ProfileUpdate update) {
        return db.write(c -> {
            Jdbc.update(c, """
                    UPDATE users SET display_name = COALESCE(?, display_name),
                                     avatar_url = CASE WHEN ? IS NULL THEN avatar_url WHEN ? = '' THEN NULL ELSE ? END,
                                     status_text = COALESCE(?, status_text)
                    WHERE id = ?""",
                    update.displayName(), update.avatarUrl(), update.avatarUrl(), update.avatarUrl(),
                    update.statusText(), userId);
            return Jdbc.one(c, "SELECT " + USER_COLUMNS + " FROM users WHERE id = ?", SqliteAccountStore::user, userId);
        });
    }

    @Override
    public void createSession(Session s, String tokenHash) {
        db.write(c -> Jdbc.update(c, """
                INSERT INTO sessions (id, user_id, token_hash, device_name, created_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?)""",
                s.id(), s.userId(), tokenHash, s.deviceName(), s.createdAt(), s.lastSeenAt()));
    }

    @Override
    public Optional<Session> findSessionByTokenHash(String tokenHash) {
        return db.read(c -> Jdbc.one(c, "SELECT * FROM sessions WHERE token_hash = ?", SqliteAccountStore::session, tokenHash));
    }

    @Override
    public List<Session> listSessions(long userId) {
        return db.read(c -> Jdbc.list(c, "SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at, id",
                SqliteAccountStore::session, userId));
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
    public Map<Long, StatusSetting> statuses(Collection<Long> userIds) {
        Map<Long, StatusSetting> out = new HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(userIds.size(), "?"));
        db.read(c -> Jdbc.list(c, "SELECT id, status_choice, status_chosen_at FROM users WHERE status_choice IS NOT NULL AND id IN ("
                        + marks + ")", rs -> {
                    out.put(rs.getLong("id"), new StatusSetting(StatusChoice.parse(rs.getString("status_choice")),
                            Jdbc.instant(rs, "status_chosen_at")));
                    return null;
                }, userIds.toArray()));
        return out;
    }

    @Override
    public void setStatus(long userId, StatusSetting setting) {
        db.write(c -> Jdbc.update(c, "UPDATE users SET status_choice = ?, status_chosen_at = ? WHERE id = ?",
                setting.choice().name().toLowerCase(java.util.Locale.ROOT), setting.chosenAt(), userId));
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("avatar_url"), rs.getString("status_text"), Jdbc.instant(rs, "created_at"));
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getLong("id"), rs.getLong("user_id"), rs.getString("device_name"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_seen_at"));
    }
}
