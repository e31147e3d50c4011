package dev.parley.store.sqlite;

import dev.parley.core.Page;
import dev.parley.core.account.Account;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.ProfileUpdate;
import dev.parley.core.account.Scope;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.presence.StatusChoice;
import dev.parley.core.presence.StatusSetting;
import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.JdbcAccountStore;
import dev.parley.store.jdbc.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

public final class SqliteAccountStore extends JdbcAccountStore {
    public SqliteAccountStore(SqliteDatabase db) {
        super(db);
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
    public List<User> searchByPrefix(String prefix, int limit) {
        return db.read(c -> Jdbc.list(c, "SELECT " + Rows.ACCOUNT_COLUMNS
                        + " FROM users WHERE username LIKE ? ESCAPE '\\' AND deleted = 0 ORDER BY username LIMIT ?",
                Rows::user, Jdbc.likeLiteral(prefix) + "%", limit));
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
    public Page<Account> accounts(String query, String cursor, int limit) {
        String pattern = "%" + Jdbc.likeLiteral(query.toLowerCase(Locale.ROOT)) + "%";
        String after = cursor == null ? "" : cursor;
        List<Account> rows = db.read(c -> Jdbc.list(c, "SELECT " + Rows.ACCOUNT_COLUMNS + """
                 FROM users WHERE deleted = 0 AND username > ?
                AND (username LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\')
                ORDER BY username LIMIT ?""", Rows::account, after, pattern, pattern, limit + 1));
        return Rows.page(rows, limit, a -> a.user().username());
    }

    @Override
    public boolean hasAdmin() {
        return db.read(c -> Jdbc.one(c, "SELECT 1 FROM users WHERE admin = 1 AND deactivated = 0 AND deleted = 0 LIMIT 1",
                rs -> true)).isPresent();
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
    public Optional<Long> createLinkedUser(NewUser user, String issuer, String subject) {
        return db.write(c -> {
            Optional<Long> linked = identity(c, issuer, subject);
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

    @Override
    protected Set<Long> scopeConversations(ResultSet rs) throws SQLException {
        String ids = rs.getString("conversation_ids");
        return ids == null || ids.isEmpty() ? Set.of()
                : Arrays.stream(ids.split(",")).map(Long::parseLong).collect(Collectors.toSet());
    }

    private static String conversationIds(Scope scope) {
        return scope.conversationIds().isEmpty() ? null
                : scope.conversationIds().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }
}
