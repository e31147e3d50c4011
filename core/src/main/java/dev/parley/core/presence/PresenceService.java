package dev.parley.core.presence;

import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.EventRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who is online. A user is online from their first connection until their last one has been gone for
 * the grace period, so a quick reconnect never flickers them offline. Every change of what others see
 * is relayed as {@link Ephemeral.PresenceChanged}; invisible users are seen offline.
 */
public final class PresenceService {
    private final PresenceStore store;
    private final EventRelay relay;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration grace;

    public PresenceService(PresenceStore store, EventRelay relay, Clock clock, ScheduledExecutorService scheduler,
                           Duration grace) {
        this.store = store;
        this.relay = relay;
        this.clock = clock;
        this.scheduler = scheduler;
        this.grace = grace;
    }

    public void connected(long userId) {
        announce(userId, store.update(userId, s -> new PresenceState(s.choice(), s.connections() + 1, true, s.lastSeenAt())));
    }

    public void disconnected(long userId) {
        var t = store.update(userId, s -> new PresenceState(s.choice(), Math.max(0, s.connections() - 1), s.online(),
                clock.instant()));
        if (t.after().connections() == 0) {
            scheduler.schedule(() -> expire(userId), grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public void choose(long userId, StatusChoice choice) {
        announce(userId, store.update(userId, s -> new PresenceState(choice, s.connections(), s.online(), s.lastSeenAt())));
    }

    public List<PresenceView> query(List<Long> userIds) {
        return userIds.stream().map(id -> {
            PresenceState s = store.get(id);
            Status visible = s.visible();
            return new PresenceView(id, visible, visible == Status.OFFLINE ? s.lastSeenAt() : null);
        }).toList();
    }

    private void expire(long userId) {
        announce(userId, store.update(userId, s -> s.connections() == 0
                ? new PresenceState(s.choice(), 0, false, s.lastSeenAt()) : s));
    }

    private void announce(long userId, PresenceStore.Transition t) {
        Status after = t.after().visible();
        if (t.before().visible() != after) {
            relay.publish(new Ephemeral.PresenceChanged(userId, after.wire()));
        }
    }
}
