package dev.parley.store.sqlite;

import dev.parley.core.Page;
import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.ProfileUpdate;
import dev.parley.core.account.Scope;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.presence.StatusChoice;
import dev.parley.core.presence.StatusSetting;
import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

public final class SqliteAccountStore implements AccountStore {
    private final SqliteDatabase db;

    public SqliteAccountStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public boolean createUser(NewUser u) {
        return db.write(c -> insertUser(c, u));
    }

    private static boolean insertUser(java.sql.Connection c, NewUser u) throws SQLException {
        return Jdbc.update(c, """
                INSERT INTO users (id, username, display_name, email, password_hash, status_text, created_at, admin, bot_owner_id)
                VALUES (?, ?, ?, ?, ?, '', ?, ?, ?) ON CONFLICT (username) DO NOTHING""",
                u.id(), u.username(), u.displayName(), u.email(), u.passwordHash(), u.createdAt(), u.admin(),
                u.botOwnerId()) == 1;
    }

    @Override
    public Optional<User> findUser(long id) {
        return db.read(c -> Jdbc.one(c, "SELECT " + Rows.ACCOUNT_COLUMNS + " FROM users WHERE id = ?", Rows::user, id));
    }

    @Override
    public Map<Long, User> findUsers(Collection<Long> ids) {
        Map<Long, User> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        db.read(c -> Jdbc.list(c, "SELECT " + Rows.ACCOUNT_COLUMNS + " FROM users WHERE id IN (" + marks + ")",
                Rows::user, ids.toArray())).forEach(u -> out.put(u.id(), u));
        return out;
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return db.read(c -> Jdbc.one(c, "SELECT " + Rows.ACCOUNT_COLUMNS + " FROM users WHERE username = ?",
                Rows::user, username));
    }

    @Override
    public List<User> searchByPrefix(String prefix, int limit) {
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return db.read(c -> Jdbc.list(c, "SELECT " + Rows.ACCOUNT_COLUMNS
                        + " FROM users WHERE username LIKE ? ESCAPE '\\' AND deleted = 0 ORDER BY username LIMIT ?",
                Rows::user, escaped + "%", limit));
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
            return Jdbc.one(c, "SELECT " + Rows.ACCOUNT_COLUMNS + " FROM users WHERE id = ?", Rows::user, userId);
        });
    }

    @Override
    public void createSession(Session s, String tokenHash) {
        db.write(c -> Jdbc.update(c, """
                INSERT INTO sessions (id, user_id, token_hash, device_name, created_at, last_seen_at, scope, conversation_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                s.id(), s.userId(), tokenHash, s.deviceName(), s.createdAt(), s.lastSeenAt(),
                s.scope().access().name().toLowerCase(Locale.ROOT), conversationIds(s.scope())));
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

    @Override
    public Optional<Account> findAccount(long userId) {
        return db.read(c -> Jdbc.one(c, "SELECT " + Rows.ACCOUNT_COLUMNS + " FROM users WHERE id = ?", Rows::account, userId));
    }

    @Override
    public Page<Account> accounts(String query, String cursor, int limit) {
        String pattern = "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String after = cursor == null ? "" : cursor;
        List<Account> rows = db.read(c -> Jdbc.list(c, "SELECT " + Rows.ACCOUNT_COLUMNS + """
                 FROM users WHERE deleted = 0 AND username > ?
                AND (username LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\')
                ORDER BY username LIMIT ?""", Rows::account, after, pattern, pattern, limit + 1));
        List<Account> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? shown.get(shown.size() - 1).user().username() : null;
        return new Page<>(List.copyOf(shown), next);
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
    public boolean hasAdmin() {
        return db.read(c -> Jdbc.one(c, "SELECT 1 FROM users WHERE admin = 1 AND deactivated = 0 AND deleted = 0 LIMIT 1",
                rs -> true)).isPresent();
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
    public List<Long> deleteSessions(long userId, long keepSessionId) {
        return db.write(c -> {
            List<Long> ids = Jdbc.list(c, "SELECT id FROM sessions WHERE user_id = ? AND id <> ?", rs -> rs.getLong(1),
                    userId, keepSessionId);
            Jdbc.update(c, "DELETE FROM sessions WHERE user_id = ? AND id <> ?", userId, keepSessionId);
            return ids;
        });
    }

    @Override
    public boolean markDeleted(long userId, String username, String displayName) {
        return db.write(c -> Jdbc.update(c, """
                UPDATE users SET deleted = 1, username = ?, display_name = ?, email = NULL, password_hash = '',
                                 avatar_url = NULL, status_text = '' WHERE id = ?""", username, displayName, userId) == 1);
    }

    @Override
    public List<User> botsOf(long ownerId) {
        return db.read(c -> Jdbc.list(c, "SELECT " + Rows.ACCOUNT_COLUMNS
                + " FROM users WHERE bot_owner_id = ? AND deleted = 0 ORDER BY username", Rows::user, ownerId));
    }

    @Override
    public Optional<Long> findIdentity(String issuer, String subject) {
        return db.read(c -> Jdbc.one(c, "SELECT user_id FROM identities WHERE issuer = ? AND subject = ?",
                rs -> rs.getLong(1), issuer, subject));
    }

    @Override
    public Optional<Long> createLinkedUser(NewUser user, String issuer, String subject) {
        return db.write(c -> {
            Optional<Long> linked = Jdbc.one(c, "SELECT user_id FROM identities WHERE issuer = ? AND subject = ?",
                    rs -> rs.getLong(1), issuer, subject);
            if (linked.isPresent()) {
                return linked;
            }
            if (!insertUser(c, user)) {
                return Optional.empty();
            }
            Jdbc.update(c, "INSERT INTO identities (issuer, subject, user_id) VALUES (?, ?, ?)", issuer, subject, user.id());
            return Optional.of(user.id());
        });
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getLong("id"), rs.getLong("user_id"), rs.getString("device_name"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_seen_at"), scope(rs));
    }

    private static Scope scope(ResultSet rs) throws SQLException {
        Scope.Access access = Scope.Access.valueOf(rs.getString("scope").toUpperCase(Locale.ROOT));
        if (access == Scope.Access.PERSON) {
            return Scope.PERSON;
        }
        String ids = rs.getString("conversation_ids");
        Set<Long> conversations = ids == null || ids.isEmpty() ? Set.of()
                : Arrays.stream(ids.split(",")).map(Long::parseLong).collect(Collectors.toSet());
        return new Scope(access, conversations);
    }

    private static String conversationIds(Scope scope) {
        return scope.conversationIds().isEmpty() ? null
                : scope.conversationIds().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }
}
