package dev.parley.core.account;

import java.time.Instant;

/**
 * A validated account, ready to be stored. {@code passwordHash} is empty for accounts that have no password (bots,
 * and people who sign in through an identity provider); {@code botOwnerId} is set for bots.
 */
public record NewUser(long id, String username, String displayName, String email, String passwordHash,
                      Instant createdAt, boolean admin, Long botOwnerId) {

    /** A person who is not an admin. */
    public NewUser(long id, String username, String displayName, String email, String passwordHash, Instant createdAt) {
        this(id, username, displayName, email, passwordHash, createdAt, false, null);
    }
}
