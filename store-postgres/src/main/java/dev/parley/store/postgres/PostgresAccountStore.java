package dev.parley.store.postgres;

import dev.parley.core.account.AccountStore;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.ProfileUpdate;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.presence.StatusChoice;
import dev.parley.core.presence.StatusSetting;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Users, sessions and chosen statuses in PostgreSQL; a username is taken once (unique index) whichever node asks. */
public final class PostgresAccountStore implements AccountStore {
    private static final String SELECT_USER = "SELECT " + Rows.USER_COLUMNS + " FROM users";

    private final PostgresDatabase db;

    public PostgresAccountStore(PostgresDatabase db) {
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
        return db.read(c -> Jdbc.one(c, SELECT_USER + " WHERE id = ?", Rows::user, id));
    }

    @Override
    public Map<Long, User> findUsers(Collection<Long> ids) {
        Map<Long, User> out = new HashMap<>();
        if (!ids.isEmpty()) {
            db.read(c -> Jdbc.list(c, SELECT_USER + " WHERE id = ANY(?)", Rows::user, Jdbc.bigints(c, ids)))
                    .forEach(u -> out.put(u.id(), u));
        }
        return out;
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return db.read(c -> Jdbc.one(c, SELECT_USER + " WHERE username = ?", Rows::user, username));
    }

    @Override
    public List<User> searchByPrefix(String prefix, int limit) {
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return db.read(c -> Jdbc.list(c, SELECT_USER + " WHERE username LIKE ? ESCAPE '\\' ORDER BY username LIMIT ?",
                Rows::user, escaped + "%", limit));
    }

    @Override
    public Optional<String> passwordHash(long userId) {
        return db.read(c -> Jdbc.one(c, "SELECT password_hash FROM users WHERE id = ?", rs -> rs.getString(1), userId));
    }

    @Override
    public Optional<User> updateProfile(long userId, ProfileUpdate update) {
        return db.write(c -> Jdbc.one(c, """
                UPDATE users SET display_name = COALESCE(?::text, display_name),
                                 avatar_url = CASE WHEN ?::text IS NULL THEN avatar_url ELSE NULLIF(?::text, '') END,
                                 status_text = COALESCE(?::text, status_text)
                WHERE id = ?""" + " RETURNING " + Rows.USER_COLUMNS, Rows::user,
                update.displayName(), update.avatarUrl(), update.avatarUrl(), update.statusText(), userId));
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
        return db.read(c -> Jdbc.one(c, "SELECT * FROM sessions WHERE token_hash = ?", Rows::session, tokenHash));
    }

    @Override
    public List<Session> listSessions(long userId) {
        return db.read(c -> Jdbc.list(c, "SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at, id",
                Rows::session, userId));
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
        db.read(c -> Jdbc.list(c, """
                SELECT id, status_choice, status_chosen_at FROM users WHERE id = ANY(?) AND status_choice IS NOT NULL""",
                rs -> Map.entry(rs.getLong("id"), new StatusSetting(StatusChoice.parse(rs.getString("status_choice")),
                        Jdbc.instant(rs, "status_chosen_at"))), Jdbc.bigints(c, userIds)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Override
    public void setStatus(long userId, StatusSetting setting) {
        db.write(c -> Jdbc.update(c, "UPDATE users SET status_choice = ?, status_chosen_at = ? WHERE id = ?",
                setting.choice().name().toLowerCase(Locale.ROOT), setting.chosenAt(), userId));
    }
}
