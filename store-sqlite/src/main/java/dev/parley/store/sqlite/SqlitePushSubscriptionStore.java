package dev.parley.store.sqlite;

import dev.parley.core.notification.PushSubscription;
import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.JdbcPushSubscriptionStore;

public final class SqlitePushSubscriptionStore extends JdbcPushSubscriptionStore {
    public SqlitePushSubscriptionStore(SqliteDatabase db) {
        super(db);
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
}
