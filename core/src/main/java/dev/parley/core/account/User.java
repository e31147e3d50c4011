package dev.parley.core.account;

import java.time.Instant;

/**
 * A public profile. Messages refer to authors by id, so a changed profile shows on old messages too. {@code bot}
 * marks an account that a user owns and a service drives through API tokens.
 */
public record User(long id, String username, String displayName, String avatarUrl, String statusText,
                   Instant createdAt, boolean bot) {

    /** A person's profile. */
    public User(long id, String username, String displayName, String avatarUrl, String statusText, Instant createdAt) {
        this(id, username, displayName, avatarUrl, statusText, createdAt, false);
    }
}
