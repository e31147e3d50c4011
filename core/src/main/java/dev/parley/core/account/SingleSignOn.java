package dev.parley.core.account;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.id.Snowflake;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Signing in through an identity provider, once its ID token has been verified: the provider's subject is linked
 * to one Parley account. The first login makes that account (username proposed from the claims and made unique,
 * no password), subject to the registration rules unless the provider is trusted to make accounts
 * ({@code oidc.signup = always}); later logins find it. A first login is a sign-up from the browser's address and
 * counts against its sign-up limit ({@link AccountService#countSignUp}); later logins do not. The session is then opened as for a password login
 * ({@link AccountService#signIn}), so a deactivated account is refused the same way.
 */
public final class SingleSignOn {
    /** What the provider said about the person, from the verified ID token. */
    public record Identity(String issuer, String subject, String preferredUsername, String nickname, String email,
                           String name) {
    }

    private final AccountStore store;
    private final AccountService accounts;
    private final Registration registration;
    private final Snowflake ids;
    private final SecureRandom random;
    private final Clock clock;

    public SingleSignOn(AccountStore store, AccountService accounts, Registration registration, Snowflake ids,
                        SecureRandom random, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.registration = registration;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
    }

    /**
     * @param alwaysSignUp  the provider may make accounts whatever the registration mode
     * @param inviteCode    the invite the browser carried through the sign-in, for {@code invite} mode
     * @param clientAddress the address of the browser that came back from the provider
     */
    public long link(Identity identity, boolean alwaysSignUp, String inviteCode, String clientAddress) {
        Optional<Long> linked = store.findIdentity(identity.issuer(), identity.subject());
        if (linked.isPresent()) {
            Account account = store.findAccount(linked.get()).orElseThrow(() -> ParleyException.notFound("user"));
            if (!account.active()) {
                throw new ParleyException(ErrorCode.ACCOUNT_DEACTIVATED, "this account is deactivated");
            }
            return linked.get();
        }
        Registration.Admission admission = alwaysSignUp
                ? new Registration.Admission(!store.hasUsers() && registration.mode() == RegistrationMode.OPEN, null, null)
                : registration.admit(inviteCode);
        try {
            accounts.countSignUp(clientAddress);
            return create(identity, admission.admin());
        } catch (RuntimeException failed) {
            admission.giveBack();
            throw failed;
        }
    }

    private long create(Identity identity, boolean admin) {
        String base = UsernameProposal.from(identity.preferredUsername(), identity.nickname(), identity.email(), identity.name());
        String shown = displayName(identity.name(), base);
        String email = identity.email() == null || identity.email().isBlank() ? null : safeEmail(identity.email());
        for (String candidate : UsernameProposal.candidates(base, random::nextInt)) {
            if (store.findByUsername(candidate).isPresent()) {
                continue;
            }
            NewUser user = new NewUser(ids.next(), candidate, shown, email, "", clock.instant(), admin, null);
            Optional<Long> id = store.createLinkedUser(user, identity.issuer(), identity.subject());
            if (id.isPresent()) {
                return id.get();
            }
        }
        throw new ParleyException(ErrorCode.USERNAME_TAKEN, "no free username could be found for this account");
    }

    private static String displayName(String name, String fallback) {
        try {
            return name == null || name.isBlank() ? fallback : ProfileRules.displayName(name.strip().length() > ProfileRules.MAX_DISPLAY_NAME
                    ? name.strip().substring(0, ProfileRules.MAX_DISPLAY_NAME) : name);
        } catch (ParleyException e) {
            return fallback;
        }
    }

    private static String safeEmail(String email) {
        try {
            return ProfileRules.email(email);
        } catch (ParleyException e) {
            return null;
        }
    }
}
