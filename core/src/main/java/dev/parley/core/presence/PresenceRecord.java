package dev.parley.core.presence;

import java.time.Instant;

/**
 * What the presence store knows of one user at a moment: how many connections hold a live lease and until when
 * the last of those leases runs (null if none is live), and when the last connection ended (closed, or its
 * lease ran out; null if none ever did).
 */
public record PresenceRecord(int liveConnections, Instant liveUntil, Instant lastEndedAt) {
    public static final PresenceRecord NEVER = new PresenceRecord(0, null, null);
}
