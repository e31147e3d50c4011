package dev.parley.core.event;

import java.time.Instant;

/** How far a conversation's log has come: its last seq (0 when empty) and when that event happened. */
public record LogPosition(long lastSeq, Instant lastEventAt) {
    public static final LogPosition EMPTY = new LogPosition(0, null);
}
