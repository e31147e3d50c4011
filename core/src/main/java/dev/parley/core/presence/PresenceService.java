package dev.parley.core.presence;

import dev.parley.core.account.AccountStore;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Who is online. A user is online while one of their connections holds a live lease, and for the grace period
 * after the last one ended, so a quick reconnect never flickers them offline. Others see their chosen status
 * while they are online ({@code invisible} shows offline) and offline otherwise. Every change of what others
 * see is announced once, as {@link Ephemeral.PresenceChanged}, by the node that notices it: at a connect, a
 * status choice, or {@link #sweep} (run by every node now and then) when a grace period or a dead node's lease
 * has run out.
 *
 * <p>An invisible user's activity shows nowhere: others see them offline, last seen when they chose to be
 * invisible, whatever their connections do.
 */
public final class PresenceService {
    private static final int SWEEP_BATCH = 1_000;

    private final PresenceStore store;
    private final AccountStore accounts;
    private final EventPublisher publisher;
    private final LongFunction<List<Long>> audience;
    private final Clock clock;
    private final Duration grace;
    private final Duration lease;

    /**
     * @param audience the conversations whose members see a user's presence
     * @param lease how long a connection's lease lasts unless renewed (renew at least every third of it)
     */
    public PresenceService(PresenceStore store, AccountStore accounts, EventPublisher publisher,
                           LongFunction<List<Long>> audience, Clock clock, Duration grace, Duration lease) {
        this.store = store;
        this.accounts = accounts;
        this.publisher = publisher;
        this.audience = audience;
        this.clock = clock;
        this.grace = grace;
        this.lease = lease;
    }

    public Duration lease() {
        return lease;
    }

    public void connected(Lease connection) {
        Instant expiry = clock.instant().plus(lease);
        store.renew(List.of(connection), expiry);
        store.schedule(connection.userId(), expiry);
        evaluate(connection.userId());
    }

    /** Keeps the leases of connections that are still open. */
    public void renew(Collection<Lease> connections) {
        Instant expiry = clock.instant().plus(lease);
        store.renew(connections, expiry);
        connections.stream().map(Lease::userId).distinct().forEach(id -> store.schedule(id, expiry));
    }

    public void disconnected(Lease connection) {
        Instant now = clock.instant();
        store.end(connection, now);
        store.schedule(connection.userId(), now.plus(grace));
    }

    public void choose(long userId, StatusChoice choice) {
        accounts.setStatus(userId, new StatusSetting(choice, clock.instant()));
        evaluate(userId);
    }

    public List<PresenceView> query(List<Long> userIds) {
        Instant now = clock.instant();
        Map<Long, PresenceRecord> records = store.read(userIds, now);
        Map<Long, StatusSetting> settings = accounts.statuses(userIds);
        List<PresenceView> views = new ArrayList<>(userIds.size());
        for (long id : userIds) {
            views.add(view(id, records.getOrDefault(id, PresenceRecord.NEVER),
                    settings.getOrDefault(id, StatusSetting.DEFAULT), now));
        }
        return views;
    }

    /** Looks again at users whose grace period or lease has run out, and announces what changed. */
    public void sweep() {
        List<Long> due;
        do {
            due = store.takeDue(clock.instant(), SWEEP_BATCH);
            due.forEach(this::evaluate);
        } while (due.size() == SWEEP_BATCH);
    }

    private void evaluate(long userId) {
        Instant now = clock.instant();
        PresenceRecord r = store.read(List.of(userId), now).getOrDefault(userId, PresenceRecord.NEVER);
        if (r.liveConnections() > 0) {
            store.schedule(userId, r.liveUntil());
        } else if (r.lastEndedAt() != null && withinGrace(r, now)) {
            store.schedule(userId, r.lastEndedAt().plus(grace));
        }
        StatusSetting setting = accounts.statuses(List.of(userId)).getOrDefault(userId, StatusSetting.DEFAULT);
        Status visible = view(userId, r, setting, now).status();
        if (store.announce(userId, visible) != visible) {
            publisher.publish(new Ephemeral.PresenceChanged(userId, visible.wire(), audience.apply(userId)));
        }
    }

    private PresenceView view(long userId, PresenceRecord r, StatusSetting setting, Instant now) {
        boolean online = r.liveConnections() > 0 || (r.lastEndedAt() != null && withinGrace(r, now));
        Status visible = online ? setting.choice().whenConnected() : Status.OFFLINE;
        if (visible != Status.OFFLINE) {
            return new PresenceView(userId, visible, null);
        }
        Instant lastSeen = setting.choice() == StatusChoice.INVISIBLE ? setting.chosenAt() : r.lastEndedAt();
        return new PresenceView(userId, Status.OFFLINE, lastSeen);
    }

    private boolean withinGrace(PresenceRecord r, Instant now) {
        return now.isBefore(r.lastEndedAt().plus(grace));
    }
}
