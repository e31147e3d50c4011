package dev.parley.store.jdbc;

import dev.parley.core.notification.PushSubscription;
import dev.parley.core.notification.PushSubscriptionStore;
import dev.parley.core.notification.PushTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** What the SQLite and PostgreSQL push subscription stores do alike; each adapter stores an endpoint once its own way. */
public abstract class JdbcPushSubscriptionStore implements PushSubscriptionStore {
    private static final String COLUMNS = "s.id, s.user_id, s.endpoint, s.p256dh, s.auth, s.created_at";

    protected final Database db;

    protected JdbcPushSubscriptionStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean delete(long userId, long subscriptionId) {
        return db.write(c -> Jdbc.update(c, "DELETE FROM push_subscriptions WHERE id = ? AND user_id = ?",
                subscriptionId, userId) == 1);
    }

    @Override
    public void deleteEndpoint(String endpoint) {
        db.write(c -> Jdbc.update(c, "DELETE FROM push_subscriptions WHERE endpoint = ?", endpoint));
    }

    @Override
    public Optional<PushSubscription> find(long subscriptionId) {
        return db.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM push_subscriptions s WHERE s.id = ?",
                JdbcPushSubscriptionStore::subscription, subscriptionId));
    }

    @Override
    public int count(long userId) {
        return db.read(c -> Jdbc.one(c, "SELECT count(*) FROM push_subscriptions WHERE user_id = ?", rs -> rs.getInt(1),
                userId)).orElse(0);
    }

    @Override
    public List<PushTarget> targets(long conversationId, long exceptUserId) {
        return db.read(c -> Jdbc.list(c, "SELECT " + COLUMNS + ", " + Rows.MEMBERSHIP_COLUMNS + """

                FROM memberships m JOIN push_subscriptions s ON s.user_id = m.user_id
                WHERE m.conversation_id = ? AND m.user_id <> ? ORDER BY s.user_id, s.id""",
                rs -> new PushTarget(Rows.membership(rs), subscription(rs)), conversationId, exceptUserId));
    }

    /** The subscription's columns come first ({@link #COLUMNS}): other columns of a join may share their names. */
    private static PushSubscription subscription(ResultSet rs) throws SQLException {
        return new PushSubscription(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Jdbc.instant(rs, "created_at"));
    }
}
