package dev.parley.core.account;

import java.time.Instant;

/** A public profile. Messages refer to authors by id, so a changed profile shows on old messages too. */
public record User(long id, String username, String displayName, String avatarUrl, String statusText,
                   Instant createdAt) {
}
