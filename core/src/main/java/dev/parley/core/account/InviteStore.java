package dev.parley.core.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sign-up invites. Across processes: {@link #use} is atomic, so an invite is never used more often than it allows,
 * whichever nodes its users sign up on.
 */
public interface InviteStore {
    void create(Invite invite);

    /** Every invite, the newest first. */
    List<Invite> list();

    /** Forgets an invite; false if there was none with that code. */
    boolean delete(String code);

    /** Counts one use of the invite, if it is usable at {@code now}; returns it as it was before this use. */
    Optional<Invite> use(String code, Instant now);

    /** Gives back a use counted by {@link #use} whose sign-up then failed. */
    void giveBack(String code);
}
