package dev.parley.core.account;

import dev.parley.core.Page;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What admins do: list and search accounts, create accounts, deactivate and reactivate them, make and unmake
 * admins, and manage invites. A user is an admin if named in the {@code admin.usernames} setting or given the
 * flag by another admin; bots never are. Every call here first checks that the caller is an active admin using a
 * person's session (others get forbidden). An admin cannot deactivate themselves or take away their own admin
 * rights, so a node never loses its last admin by accident.
 */
public final class AdminService {
    public static final Duration SETUP_INVITE_LIFETIME = Duration.ofHours(24);
    public static final int MAX_INVITE_USES = 10_000;
    public static final long MAX_INVITE_SECONDS = Duration.ofDays(365).toSeconds();

    private final AccountStore store;
    private final InviteStore invites;
    private final AccountService accounts;
    private final Set<String> configuredAdmins;
    private final SecureRandom random;
    private final Clock clock;

    public AdminService(AccountStore store, InviteStore invites, AccountService accounts, Set<String> configuredAdmins,
                        SecureRandom random, Clock clock) {
        this.store = store;
        this.invites = invites;
        this.accounts = accounts;
        this.configuredAdmins = configuredAdmins.stream().map(ProfileRules::normalizeUsername).collect(java.util.stream.Collectors.toSet());
        this.random = random;
        this.clock = clock;
    }

    /** True if the user is an active admin. */
    public boolean isAdmin(long userId) {
        return store.findAccount(userId).map(this::isAdmin).orElse(false);
    }

    public boolean isAdmin(Account a) {
        return a.active() && a.botOwnerId() == null && (a.admin() || configuredAdmins.contains(a.user().username()));
    }

    public void requireAdmin(Principal caller) {
        if (caller.isBot() || !isAdmin(caller.userId())) {
            throw ParleyException.forbidden("only an admin may do that");
        }
    }

    public Page<Account> accounts(Principal caller, String query, String cursor, int limit) {
        requireAdmin(caller);
        Page<Account> page = store.accounts(query == null ? "" : query.strip(), cursor, limit);
        return new Page<>(page.items().stream().map(this::withConfiguredAdmin).toList(), page.nextCursor());
    }

    public Account account(long userId) {
        return store.findAccount(userId).map(this::withConfiguredAdmin).orElseThrow(() -> ParleyException.notFound("user"));
    }

    public User createAccount(Principal caller, String username, String password) {
        requireAdmin(caller);
        return accounts.createAccount(username, password, null, null);
    }

    /** Deactivates an account: it cannot sign in, and every session and token it has is revoked at once. */
    public void deactivate(Principal caller, long userId) {
        requireAdmin(caller);
        if (userId == caller.userId()) {
            throw ParleyException.forbidden("you cannot deactivate your own account");
        }
        target(userId);
        store.setDeactivated(userId, true);
        accounts.revokeSessions(userId, 0);
    }

    public void reactivate(Principal caller, long userId) {
        requireAdmin(caller);
        target(userId);
        store.setDeactivated(userId, false);
    }

    public void setAdmin(Principal caller, long userId, boolean admin) {
        requireAdmin(caller);
        Account target = target(userId);
        if (target.botOwnerId() != null) {
            throw ParleyException.invalid("a bot cannot be an admin");
        }
        if (!admin && userId == caller.userId()) {
            throw ParleyException.forbidden("you cannot take away your own admin rights");
        }
        if (!admin && configuredAdmins.contains(target.user().username())) {
            throw new ParleyException(ErrorCode.CONFLICT, "this user is an admin by the admin.usernames setting");
        }
        store.setAdmin(userId, admin);
    }

    public Invite createInvite(Principal caller, Integer maxUses, Long expiresInSeconds) {
        requireAdmin(caller);
        if (maxUses != null && (maxUses < 1 || maxUses > MAX_INVITE_USES)) {
            throw ParleyException.invalid("max_uses must be 1-" + MAX_INVITE_USES);
        }
        if (expiresInSeconds != null && (expiresInSeconds < 1 || expiresInSeconds > MAX_INVITE_SECONDS)) {
            throw ParleyException.invalid("expires_in_seconds must be 1-" + MAX_INVITE_SECONDS);
        }
        Instant now = clock.instant();
        Invite invite = new Invite(newCode(), maxUses, 0, expiresInSeconds == null ? null : now.plusSeconds(expiresInSeconds),
                false, caller.userId(), now);
        invites.create(invite);
        return invite;
    }

    public List<Invite> invites(Principal caller) {
        requireAdmin(caller);
        return invites.list().stream().filter(i -> !i.grantsAdmin()).toList();
    }

    public void revokeInvite(Principal caller, String code) {
        requireAdmin(caller);
        if (!invites.delete(code)) {
            throw ParleyException.notFound("invite");
        }
    }

    /**
     * At start: if no account can administer this node, a fresh single-use invite that makes its holder an admin
     * (earlier setup invites are dropped). Empty when there is an admin.
     */
    public Optional<Invite> setupInviteIfNoAdmin() {
        if (store.hasAdmin() || configuredAdmins.stream().anyMatch(name ->
                store.findByUsername(name).flatMap(u -> store.findAccount(u.id())).map(this::isAdmin).orElse(false))) {
            return Optional.empty();
        }
        invites.list().stream().filter(Invite::grantsAdmin).forEach(i -> invites.delete(i.code()));
        Instant now = clock.instant();
        Invite setup = new Invite(newCode(), 1, 0, now.plus(SETUP_INVITE_LIFETIME), true, null, now);
        invites.create(setup);
        return Optional.of(setup);
    }

    private Account target(long userId) {
        Account a = store.findAccount(userId).orElseThrow(() -> ParleyException.notFound("user"));
        if (a.deleted()) {
            throw ParleyException.notFound("user");
        }
        return a;
    }

    private Account withConfiguredAdmin(Account a) {
        boolean admin = a.botOwnerId() == null && (a.admin() || configuredAdmins.contains(a.user().username()));
        return new Account(a.user(), admin, a.deactivated(), a.deleted(), a.botOwnerId());
    }

    private String newCode() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
