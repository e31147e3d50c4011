package dev.parley.store.postgres;

import dev.parley.core.notification.PushSubscription;
import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.JdbcPushSubscriptionStore;

/** Web Push subscriptions in PostgreSQL; an endpoint is stored once (its unique index settles a race between nodes). */
public final class PostgresPushSubscriptionStore extends JdbcPushSubscriptionStore {
    public PostgresPushSubscriptionStore(PostgresDatabase db) {
        super(db);
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
}
