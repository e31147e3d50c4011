package dev.parley.core.account;

import java.time.Instant;

/**
 * One login: a device with its own revocable bearer token (stored only as a hash). A bot's API token is a session
 * of the bot too: {@code deviceName} is the token's name and {@code scope} what it may do.
 */
public record Session(long id, long userId, String deviceName, Instant createdAt, Instant lastSeenAt, Scope scope) {

    /** A person's login, unrestricted. */
    public Session(long id, long userId, String deviceName, Instant createdAt, Instant lastSeenAt) {
        this(id, userId, deviceName, createdAt, lastSeenAt, Scope.PERSON);
    }
}
