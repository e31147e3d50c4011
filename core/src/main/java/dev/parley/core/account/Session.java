package dev.parley.core.account;

import java.time.Instant;

/** One login: a device with its own revocable bearer token (stored only as a hash). */
public record Session(long id, long userId, String deviceName, Instant createdAt, Instant lastSeenAt) {
}
