package dev.parley.core.presence;

import java.time.Instant;

/** A user's presence as others see it; {@code lastSeenAt} only for users seen offline. */
public record PresenceView(long userId, Status status, Instant lastSeenAt) {
}
