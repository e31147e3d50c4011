package dev.parley.core.presence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Connections as leases (in process by default; Redis in a cluster). A connection counts as live until its lease
 * runs out; its node renews the leases of the connections it holds, so when a node dies its connections end by
 * themselves. The store also remembers what others were last told of each user, so that each change is
 * announced once, by whichever node sees it first, and keeps a schedule of users to look at again (when a
 * reconnect grace or a lease ends), so no timer that dies with a node is needed.
 *
 * <p>Across processes: every call is atomic per user; {@link #takeDue} hands each due user to one caller.
 */
public interface PresenceStore {
    /** Starts or renews leases: each connection is live until {@code expiresAt}. */
    void renew(Collection<Lease> leases, Instant expiresAt);

    /** Ends a connection's lease at {@code at}. */
    void end(Lease lease, Instant at);

    /** The users' records as of {@code now}; a lease past its expiry has ended at its expiry. */
    Map<Long, PresenceRecord> read(Collection<Long> userIds, Instant now);

    /** Records {@code status} as what others were told of the user; returns what they were told before. */
    Status announce(long userId, Status status);

    /** Asks for the user to be looked at again at {@code at} (the latest request replaces any earlier one). */
    void schedule(long userId, Instant at);

    /** Takes up to {@code max} users whose time to be looked at has come. */
    List<Long> takeDue(Instant now, int max);
}
