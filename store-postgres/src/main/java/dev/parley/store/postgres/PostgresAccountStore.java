package dev.parley.store.postgres;

import dev.parley.core.Page;
import dev.parley.core.account.Account;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.ProfileUpdate;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.presence.StatusChoice;
import dev.parley.core.presence.StatusSetting;
import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.JdbcAccountStore;
import dev.parley.store.jdbc.Rows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Users, sessions, chosen statuses and single sign-on identities in PostgreSQL. A username is taken once (unique
 * index) whichever node asks; so is an identity (its primary key), see {@link #createLinkedUser}. A bot's API
 * tokens are its sessions, their scope kept beside them.
 */
public final class PostgresAccountStore extends JdbcAccountStore {
    private static final String SELECT_USER = "SELECT " + Rows.USER_COLUMNS + " FROM users";
    private static final String SELECT_ACCOUNT = "SELECT " + Rows.ACCOUNT_COLUMNS + " FROM users";

    public PostgresAccountStore(PostgresDatabase db) {
        super(db);
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
    public List<User> searchByPrefix(String prefix, int limit) {
        return db.read(c -> Jdbc.list(c, SELECT_USER
                + " WHERE username LIKE ? ESCAPE '\\' AND NOT deleted ORDER BY username LIMIT ?",
                Rows::user, Jdbc.likeLiteral(prefix) + "%", limit));
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
                INSERT INTO sessions (id, user_id, token_hash, device_name, created_at, last_seen_at, scope, conversation_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                s.id(), s.userId(), tokenHash, s.deviceName(), s.createdAt(), s.lastSeenAt(),
                s.scope().access().name().toLowerCase(Locale.ROOT),
                s.scope().conversationIds().isEmpty() ? null : Jdbc.bigints(c, s.scope().conversationIds())));
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

    /** Matches the username (stored lower-case) or, with ILIKE, the display name; the cursor is the last username. */
    @Override
    public Page<Account> accounts(String query, String cursor, int limit) {
        String pattern = "%" + Jdbc.likeLiteral(query.toLowerCase(Locale.ROOT)) + "%";
        List<Account> rows = db.read(c -> Jdbc.list(c, SELECT_ACCOUNT + """
                 WHERE NOT deleted AND username > ?
                AND (username LIKE ? ESCAPE '\\' OR display_name ILIKE ? ESCAPE '\\')
                ORDER BY username LIMIT ?""", Rows::account, cursor == null ? "" : cursor, pattern, pattern, limit + 1));
        return Rows.page(rows, limit, a -> a.user().username());
    }

    @Override
    public boolean hasAdmin() {
        return db.read(c -> Jdbc.one(c, "SELECT 1 FROM users WHERE admin AND NOT deactivated AND NOT deleted LIMIT 1",
                rs -> true)).isPresent();
    }

    @Override
    public List<Long> deleteSessions(long userId, long keepSessionId) {
        return db.write(c -> Jdbc.list(c, "DELETE FROM sessions WHERE user_id = ? AND id <> ? RETURNING id",
                rs -> rs.getLong(1), userId, keepSessionId));
    }

    @Override
    public boolean markDeleted(long userId, String username, String displayName) {
        return db.write(c -> Jdbc.update(c, """
                UPDATE users SET deleted = TRUE, username = ?, display_name = ?, email = NULL, password_hash = '',
                                 avatar_url = NULL, status_text = '' WHERE id = ?""", username, displayName, userId) == 1);
    }

    @Override
    public List<User> botsOf(long ownerId) {
        return db.read(c -> Jdbc.list(c, SELECT_USER + " WHERE bot_owner_id = ? AND NOT deleted ORDER BY username",
                Rows::user, ownerId));
    }

    /**
     * Links the identity first: of two nodes linking one subject at once, the second waits on the first's row and,
     * once it committed, stores nothing and answers the first's user. Then the user: if the username is taken, the
     * link is taken back in the same transaction.
     */
    @Override
    public Optional<Long> createLinkedUser(NewUser user, String issuer, String subject) {
        return db.write(c -> {
            if (Jdbc.update(c, "INSERT INTO identities (issuer, subject, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    issuer, subject, user.id()) == 0) {
                return identity(c, issuer, subject);
            }
            if (!insertUser(c, user)) {
                Jdbc.update(c, "DELETE FROM identities WHERE issuer = ? AND subject = ?", issuer, subject);
                return Optional.empty();
            }
            return Optional.of(user.id());
        });
    }

    @Override
    protected Set<Long> scopeConversations(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("conversation_ids");
        return ids == null ? Set.of() : Set.of((Long[]) ids.getArray());
    }
}
