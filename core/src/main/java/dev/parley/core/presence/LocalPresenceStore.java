package dev.parley.core.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Presence held in this process: for a single node, whose leases end with it anyway. */
public final class LocalPresenceStore implements PresenceStore {
    /** One user's leases (connection id to expiry), guarded by the instance's lock. */
    private static final class UserLeases {
        final Map<String, Instant> leases = new HashMap<>();
        Instant lastEndedAt;
        Status announced = Status.OFFLINE;

        void expire(Instant now) {
            Iterator<Map.Entry<String, Instant>> it = leases.entrySet().iterator();
            while (it.hasNext()) {
                Instant expiry = it.next().getValue();
                if (!expiry.isAfter(now)) {
                    it.remove();
                    ended(expiry);
                }
            }
        }

        void ended(Instant at) {
            if (lastEndedAt == null || at.isAfter(lastEndedAt)) {
                lastEndedAt = at;
            }
        }
    }

    private final ConcurrentHashMap<Long, UserLeases> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Instant> due = new ConcurrentHashMap<>();

    private UserLeases of(long userId) {
        return users.computeIfAbsent(userId, id -> new UserLeases());
    }

    @Override
    public void renew(Collection<Lease> leases, Instant expiresAt) {
        for (Lease l : leases) {
            UserLeases u = of(l.userId());
            synchronized (u) {
                u.leases.put(l.connectionId(), expiresAt);
            }
        }
    }

    @Override
    public void end(Lease lease, Instant at) {
        UserLeases u = of(lease.userId());
        synchronized (u) {
            if (u.leases.remove(lease.connectionId()) != null) {
                u.ended(at);
            }
        }
    }

    @Override
    public Map<Long, PresenceRecord> read(Collection<Long> userIds, Instant now) {
        Map<Long, PresenceRecord> out = new HashMap<>();
        for (long id : userIds) {
            UserLeases u = users.get(id);
            if (u == null) {
                out.put(id, PresenceRecord.NEVER);
                continue;
            }
            synchronized (u) {
                u.expire(now);
                Instant until = u.leases.values().stream().max(Instant::compareTo).orElse(null);
                out.put(id, new PresenceRecord(u.leases.size(), until, u.lastEndedAt));
            }
        }
        return out;
    }

    @Override
    public Status announce(long userId, Status status) {
        UserLeases u = of(userId);
        synchronized (u) {
            Status before = u.announced;
            u.announced = status;
            return before;
        }
    }

    @Override
    public void schedule(long userId, Instant at) {
        due.put(userId, at);
    }

    @Override
    public List<Long> takeDue(Instant now, int max) {
        List<Long> taken = new ArrayList<>();
        for (Map.Entry<Long, Instant> e : due.entrySet()) {
            if (taken.size() >= max) {
                break;
            }
            if (!e.getValue().isAfter(now) && due.remove(e.getKey(), e.getValue())) {
                taken.add(e.getKey());
            }
        }
        return taken;
    }
}
