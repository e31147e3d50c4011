package dev.parley.store.postgres;

import dev.parley.core.notification.PushSubscription;
import dev.parley.core.notification.PushSubscriptionStore;
import dev.parley.core.notification.PushTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Web Push subscriptions in PostgreSQL; an endpoint is stored once (its unique index settles a race between nodes). */
public final class PostgresPushSubscriptionStore implements PushSubscriptionStore {
    private static final String COLUMNS = "s.id, s.user_id, s.endpoint, s.p256dh, s.auth, s.created_at";

    private final PostgresDatabase db;

    public PostgresPushSubscriptionStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public long add(PushSubscription s) {
        return db.write(c -> Jdbc.one(c, """
                INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (endpoint) DO UPDATE SET id = excluded.id, user_id = excluded.user_id, p256dh = excluded.p256dh,
                  auth = excluded.auth, created_at = excluded.created_at
                RETURNING id""", rs -> rs.getLong(1),
                s.id(), s.userId(), s.endpoint(), s.p256dh(), s.auth(), s.createdAt()).orElseThrow());
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
                PostgresPushSubscriptionStore::subscription, subscriptionId));
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

    private static PushSubscription subscription(ResultSet rs) throws SQLException {
        return new PushSubscription(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Jdbc.instant(rs, "created_at"));
    }
}
