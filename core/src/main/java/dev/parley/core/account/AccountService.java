package dev.parley.core.account;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.id.Snowflake;
import dev.parley.core.ratelimit.RateLimitGate;
import dev.parley.core.ratelimit.RateLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Sign-up, login, sessions and profiles. */
public final class AccountService {
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int MAX_DEVICE_NAME = 100;

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final Snowflake ids;
    private final RateLimitGate gate;
    private final RateLimits limits;
    private final AccountEvents events;
    private final Clock clock;
    private final String dummyHash;

    public AccountService(AccountStore store, PasswordHasher hasher, Tokens tokens, Snowflake ids,
                          RateLimitGate gate, RateLimits limits, AccountEvents events, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.tokens = tokens;
        this.ids = ids;
        this.gate = gate;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
        this.dummyHash = hasher.hash("parley-timing-equaliser");
    }

    /**
     * Signs up and logs in. Input is checked first (refused input costs nothing), then the sign-up limit of the
     * client address, which also counts attempts at taken names, and only then is the password hashed.
     */
    public Authenticated register(String username, String password, String email, String displayName,
                                  String clientAddress) {
        String name = ProfileRules.username(username);
        ProfileRules.password(password);
        String mail = email == null || email.isBlank() ? null : ProfileRules.email(email);
        String shown = displayName == null ? name : ProfileRules.displayName(displayName);
        countSignUp(clientAddress);
        if (store.findByUsername(name).isPresent()) {
            throw taken();
        }
        NewUser user = new NewUser(ids.next(), name, shown, mail, hasher.hash(password), now());
        if (!store.createUser(user)) {
            throw taken();
        }
        User created = store.findUser(user.id()).orElseThrow();
        return openSession(created, null);
    }

    /**
     * Counts a sign-up from a client against the sign-up limit of its address ({@code rate.limit.register.address}):
     * a password sign-up, and single sign-on's first login, which makes an account too. Refused once the limit is
     * reached.
     */
    public void countSignUp(String clientAddress) {
        gate.check("register:address:" + clientAddress, limits.registerPerAddress(), "sign-up");
    }

    /**
     * Logs in, opening a new session. Every attempt counts against the client address; failures also count against
     * the (username, address) pair, tightly, and the username, loosely. A token is taken from each failure bucket
     * before the password is checked (so concurrent guesses cannot overdraw it) and given back if the password was
     * right: successes never count, and a stranger's failures, made from the stranger's address, leave the owner's
     * pair untouched. Unknown users are checked against a dummy hash, so the answer takes as long either way.
     */
    public Authenticated login(String username, String password, String deviceName, String clientAddress) {
        String name = ProfileRules.normalizeUsername(username);
        gate.check("login:address:" + clientAddress, limits.loginPerAddress(), "login");
        String pair = "login:failures:pair:" + clientAddress + "/" + name;
        String account = "login:failures:user:" + name;
        gate.check(pair, limits.loginFailuresPerUsernameAndAddress(), "login");
        try {
            gate.check(account, limits.loginFailuresPerUsername(), "login");
        } catch (ParleyException limited) {
            gate.refund(pair, limits.loginFailuresPerUsernameAndAddress());
            throw limited;
        }
        var user = store.findByUsername(name);
        String hash = user.flatMap(u -> store.passwordHash(u.id())).orElse(dummyHash);
        boolean ok = hasher.verify(password, hash);
        if (user.isEmpty() || !ok) {
            throw new ParleyException(ErrorCode.INVALID_CREDENTIALS, "wrong username or password");
        }
        gate.refund(pair, limits.loginFailuresPerUsernameAndAddress());
        gate.refund(account, limits.loginFailuresPerUsername());
        return openSession(user.get(), deviceName);
    }

    /** The principal a bearer token stands for, or 401. */
    public Principal authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw unauthorized();
        }
        Session session = store.findSessionByTokenHash(Tokens.hash(token)).orElseThrow(AccountService::unauthorized);
        Instant now = now();
        if (session.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
            store.touchSession(session.id(), now);
        }
        return new Principal(session.userId(), session.id(), session.scope());
    }

    public void logout(Principal principal) {
        revokeSession(principal, principal.sessionId());
    }

    public List<Session> sessions(Principal principal) {
        return store.listSessions(principal.userId());
    }

    public void revokeSession(Principal principal, long sessionId) {
        if (!store.deleteSession(principal.userId(), sessionId)) {
            throw ParleyException.notFound("session");
        }
        events.sessionRevoked(principal.userId(), sessionId);
    }

    public User user(long id) {
        return store.findUser(id).orElseThrow(() -> ParleyException.notFound("user"));
    }

    public User byUsername(String username) {
        return store.findByUsername(ProfileRules.normalizeUsername(username))
                .orElseThrow(() -> ParleyException.notFound("user"));
    }

    public List<User> search(String prefix, int limit) {
        return store.searchByPrefix(ProfileRules.normalizeUsername(prefix), limit);
    }

    public User updateProfile(Principal principal, ProfileUpdate update) {
        ProfileUpdate valid = new ProfileUpdate(
                update.displayName() == null ? null : ProfileRules.displayName(update.displayName()),
                update.avatarUrl() == null ? null : ProfileRules.avatarUrl(update.avatarUrl()),
                update.statusText() == null ? null : ProfileRules.statusText(update.statusText()));
        User updated = store.updateProfile(principal.userId(), valid).orElseThrow(() -> ParleyException.notFound("user"));
        events.profileChanged(updated);
        return updated;
    }

    /**
     * Creates an account without signing it in (an admin creating one, in any registration mode): the same rules
     * as a sign-up, but not the sign-up limit: no client signs up, and the admin's address is not counted.
     */
    public User createAccount(String username, String password, String email, String displayName) {
        String name = ProfileRules.username(username);
        ProfileRules.password(password);
        String mail = email == null || email.isBlank() ? null : ProfileRules.email(email);
        String shown = displayName == null ? name : ProfileRules.displayName(displayName);
        NewUser user = new NewUser(ids.next(), name, shown, mail, hasher.hash(password), now());
        if (!store.createUser(user)) {
            throw taken();
        }
        return store.findUser(user.id()).orElseThrow();
    }

    /** A new session for a user who proved who they are some other way (single sign-on). */
    public Authenticated signIn(long userId, String deviceName) {
        return openSession(user(userId), deviceName);
    }

    /** Changes the caller's password, given the current one; every other session of theirs is revoked. */
    public void changePassword(Principal caller, String currentPassword, String newPassword) {
        requirePerson(caller);
        ProfileRules.password(newPassword);
        String hash = store.passwordHash(caller.userId()).orElseThrow(() -> ParleyException.notFound("user"));
        if (hash.isEmpty()) {
            throw ParleyException.forbidden("this account signs in through single sign-on and has no password");
        }
        if (!hasher.verify(currentPassword, hash)) {
            throw new ParleyException(ErrorCode.INVALID_CREDENTIALS, "the current password is wrong");
        }
        setPassword(caller.userId(), newPassword, caller.sessionId());
    }

    /** Sets a new password and revokes every session but {@code keepSessionId} (0: all). */
    public void setPassword(long userId, String newPassword, long keepSessionId) {
        ProfileRules.password(newPassword);
        if (!store.setPasswordHash(userId, hasher.hash(newPassword))) {
            throw ParleyException.notFound("user");
        }
        revokeSessions(userId, keepSessionId);
    }

    /** True if the password is the account's; an account without a password has none to match. */
    public boolean passwordMatches(long userId, String password) {
        String hash = store.passwordHash(userId).orElse("");
        return !hash.isEmpty() && password != null && hasher.verify(password, hash);
    }

    /** True if the account has a password (not one made by single sign-on, nor a bot). */
    public boolean hasPassword(long userId) {
        return !store.passwordHash(userId).orElse("").isEmpty();
    }

    /** Revokes every session and token of a user but {@code keepSessionId} (0: all): their sockets close too. */
    public void revokeSessions(long userId, long keepSessionId) {
        for (long sessionId : store.deleteSessions(userId, keepSessionId)) {
            events.sessionRevoked(userId, sessionId);
        }
    }

    /** Bot tokens manage no account: they are refused what only a person's session may do. */
    public static void requirePerson(Principal caller) {
        if (caller.isBot()) {
            throw ParleyException.forbidden("a bot token cannot do that");
        }
    }

    private Authenticated openSession(User user, String deviceName) {
        Account account = store.findAccount(user.id()).orElseThrow(() -> ParleyException.notFound("user"));
        if (!account.active()) {
            throw new ParleyException(ErrorCode.ACCOUNT_DEACTIVATED, "this account is deactivated");
        }
        String token = tokens.newToken();
        Instant now = now();
        String device = deviceName == null || deviceName.isBlank() ? null : truncate(deviceName.strip());
        Session session = new Session(ids.next(), user.id(), device, now, now);
        store.createSession(session, Tokens.hash(token));
        return new Authenticated(user, token, session.id());
    }

    private static String truncate(String s) {
        return s.codePointCount(0, s.length()) <= MAX_DEVICE_NAME ? s : s.substring(0, s.offsetByCodePoints(0, MAX_DEVICE_NAME));
    }

    private Instant now() {
        return clock.instant();
    }

    private static ParleyException taken() {
        return new ParleyException(ErrorCode.USERNAME_TAKEN, "that username is taken");
    }

    private static ParleyException unauthorized() {
        return new ParleyException(ErrorCode.UNAUTHORIZED, "missing, invalid or revoked token");
    }
}
