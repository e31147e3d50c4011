package dev.parley.core.presence;

import java.time.Instant;

/**
 * One user's presence: their choice, how many devices are connected, whether they count as online
 * (connected, or disconnected less than the grace period ago) and when they were last seen.
 */
public record PresenceState(StatusChoice choice, int connections, boolean online, Instant lastSeenAt) {
    public static final PresenceState INITIAL = new PresenceState(StatusChoice.AUTO, 0, false, null);

    public Status visible() {
        return online ? choice.whenConnected() : Status.OFFLINE;
    }
}
