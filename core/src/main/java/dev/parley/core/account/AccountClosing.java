package dev.parley.core.account;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import java.util.function.LongConsumer;

/**
 * Deleting an account. Its row stays, so its messages keep their author, shown as {@link #DISPLAY_NAME}; its
 * username is freed (it becomes {@code deleted-<id>}, which no sign-up can take), and its email, password, avatar
 * and status text go. Every session and token is revoked, it leaves every channel (through the log, so members
 * see it go; a channel it owned passes on as when an owner leaves), and its bots are deleted with it.
 */
public final class AccountClosing {
    public static final String DISPLAY_NAME = "Deleted user";

    private final AccountStore store;
    private final AccountService accounts;
    private final LongConsumer leaveEveryChannel;
    private final AccountEvents events;

    /** @param leaveEveryChannel makes the user leave each channel they are in */
    public AccountClosing(AccountStore store, AccountService accounts, LongConsumer leaveEveryChannel, AccountEvents events) {
        this.store = store;
        this.accounts = accounts;
        this.leaveEveryChannel = leaveEveryChannel;
        this.events = events;
    }

    /** The caller deletes their own account, confirming with their password if it has one. */
    public void deleteOwn(Principal caller, String password) {
        AccountService.requirePerson(caller);
        if (accounts.hasPassword(caller.userId()) && !accounts.passwordMatches(caller.userId(), password)) {
            throw new ParleyException(ErrorCode.INVALID_CREDENTIALS, "the password is wrong");
        }
        close(caller.userId());
    }

    /** Deletes an account (and its bots); deleting a deleted one does nothing. */
    public void close(long userId) {
        Account account = store.findAccount(userId).orElseThrow(() -> ParleyException.notFound("user"));
        if (account.deleted()) {
            return;
        }
        store.markDeleted(userId, "deleted-" + userId, DISPLAY_NAME);
        accounts.revokeSessions(userId, 0);
        store.botsOf(userId).forEach(bot -> close(bot.id()));
        leaveEveryChannel.accept(userId);
        store.findUser(userId).ifPresent(events::profileChanged);
    }
}
