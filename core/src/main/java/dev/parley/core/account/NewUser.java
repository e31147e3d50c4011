package dev.parley.core.account;

import java.time.Instant;

/** A validated sign-up, ready to be stored. */
public record NewUser(long id, String username, String displayName, String email, String passwordHash,
                      Instant createdAt) {
}
