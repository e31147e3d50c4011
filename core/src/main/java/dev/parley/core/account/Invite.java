package dev.parley.core.account;

import java.time.Instant;

/**
 * A sign-up code made by an admin: usable {@code maxUses} times (null: without limit) until {@code expiresAt}
 * (null: never). {@code grantsAdmin} marks the setup invite a node with no admin prints at start.
 */
public record Invite(String code, Integer maxUses, int uses, Instant expiresAt, boolean grantsAdmin, Long createdBy,
                     Instant createdAt) {

    public boolean usableAt(Instant now) {
        return (maxUses == null || uses < maxUses) && (expiresAt == null || now.isBefore(expiresAt));
    }
}
