package dev.parley.core.account;

import java.time.Instant;
import java.util.Optional;

/**
 * Single-use secrets that expire: password reset links, OpenID Connect sign-in states, the codes that hand a
 * single sign-on's session to the browser. Callers store a hash of the secret as the key, never the secret.
 * Across processes: a ticket is taken once, whichever node asks first; one past its expiry is never given out
 * and may be dropped at any time.
 */
public interface TicketStore {
    void put(String kind, String key, String payload, Instant expiresAt);

    /** Removes the ticket and returns its payload, unless it does not exist or expired before {@code now}. */
    Optional<String> take(String kind, String key, Instant now);
}
