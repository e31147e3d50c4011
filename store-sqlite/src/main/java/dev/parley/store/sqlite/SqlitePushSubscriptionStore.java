package dev.parley.store.sqlite;

import dev.parley.core.conversation.Membership;
import dev.parley.core.notification.NotifyLevel;
import dev.parley.core.notification.PushSubscription;
import dev.parley.core.notification.PushSubscriptionStore;
import dev.parley.core.notification.PushTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class SqlitePushSubscriptionStore implements PushSubscriptionStore {
    private static final String COLUMNS = "s.id, s.user_id, s.endpoint, s.p256dh, s.auth, s.created_at";

    private final SqliteDatabase db;

    public SqlitePushSubscriptionStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public long add(PushSubscription s) {
        return db.write(c -> {
            Jdbc.update(c, "DELETE FROM push_subscriptions WHERE endpoint = ?", s.endpoint());
            Jdbc.update(c, "INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    s.id(), s.userId(), s.endpoint(), s.p256dh(), s.auth(), s.createdAt());
            return s.id();
        });
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
                SqlitePushSubscriptionStore::subscription, subscriptionId));
    }

    @Override
    public int count(long userId) {
        return db.read(c -> Jdbc.one(c, "SELECT count(*) FROM push_subscriptions WHERE user_id = ?", rs -> rs.getInt(1),
                userId)).orElse(0);
    }

    @Override
    public List<PushTarget> targets(long conversationId, long exceptUserId) {
        return db.read(c -> Jdbc.list(c, "SELECT " + COLUMNS + """
                , m.conversation_id, m.joined_at, m.last_read_seq, m.notify, m.muted_until
                FROM memberships m JOIN push_subscriptions s ON s.user_id = m.user_id
                WHERE m.conversation_id = ? AND m.user_id <> ? ORDER BY s.user_id, s.id""",
                rs -> {
                    String notify = rs.getString("notify");
                    Membership m = new Membership(conversationId, rs.getLong("user_id"), Jdbc.instant(rs, "joined_at"),
                            rs.getLong("last_read_seq"), notify == null ? null : NotifyLevel.parse(notify),
                            Jdbc.instant(rs, "muted_until"));
                    return new PushTarget(m, subscription(rs));
                }, conversationId, exceptUserId));
    }

    private static PushSubscription subscription(ResultSet rs) throws SQLException {
        return new PushSubscription(rs.getLong("id"), rs.getLong("user_id"), rs.getString("endpoint"),
                rs.getString("p256dh"), rs.getString("auth"), Jdbc.instant(rs, "created_at"));
    }
}
