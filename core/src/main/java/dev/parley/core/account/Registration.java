package dev.parley.core.account;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import java.time.Clock;

/**
 * Who may sign up, around {@link AccountService#register}: in {@code open} mode anyone, and the first account of an
 * empty node becomes an admin; in {@code invite} mode only with a usable invite; in {@code closed} mode nobody
 * (admins create accounts). In every mode an invite that grants admin (the setup invite) lets its holder sign up
 * as an admin. An invite's use is counted before the account is made and given back if the sign-up fails, so
 * concurrent sign-ups never use it more often than it allows.
 */
public final class Registration {
    private final AccountService accounts;
    private final AccountStore store;
    private final InviteStore invites;
    private final RegistrationMode mode;
    private final Clock clock;

    public Registration(AccountService accounts, AccountStore store, InviteStore invites, RegistrationMode mode, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.invites = invites;
        this.mode = mode;
        this.clock = clock;
    }

    public RegistrationMode mode() {
        return mode;
    }

    public Authenticated register(String username, String password, String email, String displayName, String inviteCode,
                                  String clientAddress) {
        ProfileRules.username(username);
        ProfileRules.password(password);
        Admission admission = admit(inviteCode);
        Authenticated signedUp;
        try {
            signedUp = accounts.register(username, password, email, displayName, clientAddress);
        } catch (RuntimeException refused) {
            admission.giveBack();
            throw refused;
        }
        if (admission.admin()) {
            store.setAdmin(signedUp.user().id(), true);
        }
        return signedUp;
    }

    /** What a sign-up may go on with: whether it makes an admin, and the invite use to give back if it fails. */
    public record Admission(boolean admin, String inviteCode, InviteStore invites) {
        public void giveBack() {
            if (inviteCode != null) {
                invites.giveBack(inviteCode);
            }
        }
    }

    /**
     * Checks that a new account may be made now, counting a use of the invite if one is given; single sign-on's
     * first logins go through here too.
     */
    public Admission admit(String inviteCode) {
        if (inviteCode != null && !inviteCode.isBlank()) {
            Invite invite = invites.use(inviteCode.strip(), clock.instant()).orElse(null);
            if (invite != null && (invite.grantsAdmin() || mode != RegistrationMode.CLOSED)) {
                return new Admission(invite.grantsAdmin(), invite.code(), invites);
            }
            if (invite != null) {
                invites.giveBack(invite.code());
            }
            if (mode == RegistrationMode.INVITE) {
                throw new ParleyException(ErrorCode.INVITE_REQUIRED, "this invite is not valid: it may have expired or been used up");
            }
        }
        return switch (mode) {
            case OPEN -> new Admission(!store.hasUsers(), null, invites);
            case INVITE -> throw new ParleyException(ErrorCode.INVITE_REQUIRED, "signing up needs an invite");
            case CLOSED -> throw new ParleyException(ErrorCode.REGISTRATION_CLOSED, "signing up is closed: ask an admin for an account");
        };
    }
}
