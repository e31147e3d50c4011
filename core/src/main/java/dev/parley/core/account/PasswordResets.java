package dev.parley.core.account;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import java.time.Clock;
import java.time.Duration;

/**
 * An admin's password reset: a one-time secret (for a link) that lets its holder set a new password for a person's
 * account within {@link #LIFETIME}; using it revokes every session of the account. Only the secret's hash is stored.
 */
public final class PasswordResets {
    public static final Duration LIFETIME = Duration.ofHours(24);
    private static final String KIND = "password_reset";

    private final AdminService admins;
    private final AccountService accounts;
    private final TicketStore tickets;
    private final Tokens tokens;
    private final Clock clock;

    public PasswordResets(AdminService admins, AccountService accounts, TicketStore tickets, Tokens tokens, Clock clock) {
        this.admins = admins;
        this.accounts = accounts;
        this.tickets = tickets;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The secret of a new reset for {@code userId}, shown once to the admin. */
    public String issue(Principal caller, long userId) {
        admins.requireAdmin(caller);
        Account target = admins.account(userId);
        if (target.deleted() || target.botOwnerId() != null) {
            throw ParleyException.invalid("only a person's account has a password to reset");
        }
        String secret = tokens.newToken();
        tickets.put(KIND, Tokens.hash(secret), Long.toString(userId), clock.instant().plus(LIFETIME));
        return secret;
    }

    /** Sets the new password of the reset's account; the secret works once. */
    public void reset(String secret, String newPassword) {
        ProfileRules.password(newPassword);
        String userId = tickets.take(KIND, Tokens.hash(secret), clock.instant())
                .orElseThrow(() -> new ParleyException(ErrorCode.INVALID_CREDENTIALS,
                        "this reset link is not valid: it may have expired or been used"));
        accounts.setPassword(Long.parseLong(userId), newPassword, 0);
    }
}
