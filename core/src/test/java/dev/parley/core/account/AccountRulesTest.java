package dev.parley.core.account;

import static dev.parley.core.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.fakes.InMemoryAccountStore;
import dev.parley.core.fakes.InMemoryInviteStore;
import dev.parley.core.fakes.InMemoryTicketStore;
import dev.parley.core.fakes.MutableClock;
import dev.parley.core.fakes.PlainPasswordHasher;
import dev.parley.core.id.Snowflake;
import dev.parley.core.ratelimit.BucketSpec;
import dev.parley.core.ratelimit.LocalRateLimiter;
import dev.parley.core.ratelimit.RateLimitGate;
import dev.parley.core.ratelimit.RateLimits;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Registration modes, admins, resets, deletion, bots and single sign-on's linking, without I/O. */
class AccountRulesTest {
    private static final String PASSWORD = "correct horse";
    private static final String LOOPBACK = "127.0.0.1";

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final InMemoryInviteStore invites = new InMemoryInviteStore();
    private final List<String> told = new ArrayList<>();
    private final AccountEvents events = new AccountEvents() {
        @Override
        public void sessionRevoked(long userId, long sessionId) {
            told.add("revoked " + userId + "/" + sessionId);
        }
    };
    private final Snowflake ids = new Snowflake(clock, 1);
    private final Tokens tokens = new Tokens(new SecureRandom());
    private final AccountService accounts = new AccountService(store, new PlainPasswordHasher(), tokens, ids,
            new RateLimitGate(new LocalRateLimiter(clock)), RateLimits.defaults(), events, clock);
    private final AdminService admins = new AdminService(store, invites, accounts, Set.of("Chief"), new SecureRandom(), clock);
    private final List<Long> leftEverywhere = new ArrayList<>();
    private final AccountClosing closing = new AccountClosing(store, accounts, leftEverywhere::add, events);
    private final BotService bots = new BotService(store, closing, tokens, ids, events, clock);

    private Registration registration(RegistrationMode mode) {
        return new Registration(accounts, store, invites, mode, clock);
    }

    private Principal principal(Authenticated a) {
        return accounts.authenticate(a.token());
    }

    @Test
    void inOpenModeOnlyTheFirstAccountIsAnAdmin() {
        Registration open = registration(RegistrationMode.OPEN);
        Authenticated first = open.register("first", PASSWORD, null, null, null, LOOPBACK);
        Authenticated second = open.register("second", PASSWORD, null, null, null, LOOPBACK);

        assertThat(admins.isAdmin(first.user().id())).isTrue();
        assertThat(admins.isAdmin(second.user().id())).isFalse();
        assertThat(admins.setupInviteIfNoAdmin()).isEmpty();
    }

    @Test
    void inviteModeCountsUsesAndClosedModeTakesOnlyTheSetupInvite() {
        Invite setup = admins.setupInviteIfNoAdmin().orElseThrow();
        Registration closed = registration(RegistrationMode.CLOSED);
        assertRefused(() -> closed.register("walkin", PASSWORD, null, null, null, LOOPBACK), ErrorCode.REGISTRATION_CLOSED);
        Authenticated boss = closed.register("boss", PASSWORD, null, null, setup.code(), LOOPBACK);
        assertThat(admins.isAdmin(boss.user().id())).isTrue();
        assertRefused(() -> closed.register("boss2", PASSWORD, null, null, setup.code(), LOOPBACK), ErrorCode.REGISTRATION_CLOSED);

        Registration inviteOnly = registration(RegistrationMode.INVITE);
        Invite once = admins.createInvite(principal(boss), 1, 60L);
        assertRefused(() -> inviteOnly.register("guest", PASSWORD, null, null, null, LOOPBACK), ErrorCode.INVITE_REQUIRED);
        assertRefused(() -> inviteOnly.register("boss", PASSWORD, null, null, once.code(), LOOPBACK), ErrorCode.USERNAME_TAKEN);
        assertThat(inviteOnly.register("guest", PASSWORD, null, null, once.code(), LOOPBACK).user().username()).isEqualTo("guest");
        assertRefused(() -> inviteOnly.register("guest2", PASSWORD, null, null, once.code(), LOOPBACK), ErrorCode.INVITE_REQUIRED);

        Invite soon = admins.createInvite(principal(boss), null, 60L);
        clock.advance(Duration.ofSeconds(60));
        assertRefused(() -> inviteOnly.register("late", PASSWORD, null, null, soon.code(), LOOPBACK), ErrorCode.INVITE_REQUIRED);
    }

    @Test
    void adminCallsAreRefusedToOthersAndAdminsCannotLockThemselvesOut() {
        Authenticated boss = registration(RegistrationMode.OPEN).register("boss", PASSWORD, null, null, null, LOOPBACK);
        Authenticated user = accounts.register("user", PASSWORD, null, null, LOOPBACK);
        Authenticated chief = accounts.register("chief", PASSWORD, null, null, LOOPBACK);

        assertRefused(() -> admins.accounts(principal(user), "", null, 10), ErrorCode.FORBIDDEN);
        assertRefused(() -> admins.deactivate(principal(user), boss.user().id()), ErrorCode.FORBIDDEN);
        assertRefused(() -> admins.deactivate(principal(boss), boss.user().id()), ErrorCode.FORBIDDEN);
        assertRefused(() -> admins.setAdmin(principal(boss), boss.user().id(), false), ErrorCode.FORBIDDEN);
        assertThat(admins.isAdmin(chief.user().id())).as("named in admin.usernames, case-insensitively").isTrue();
        assertRefused(() -> admins.setAdmin(principal(boss), chief.user().id(), false), ErrorCode.CONFLICT);

        admins.deactivate(principal(boss), user.user().id());
        assertThat(told).containsExactly("revoked " + user.user().id() + "/" + user.sessionId());
        assertRefused(() -> accounts.authenticate(user.token()), ErrorCode.UNAUTHORIZED);
        assertRefused(() -> accounts.login("user", PASSWORD, null, "1.2.3.4"), ErrorCode.ACCOUNT_DEACTIVATED);
        admins.reactivate(principal(boss), user.user().id());
        assertThat(accounts.login("user", PASSWORD, null, "1.2.3.4").user().id()).isEqualTo(user.user().id());
    }

    @Test
    void aPasswordResetWorksOnceAndRevokesEverySession() {
        Authenticated boss = registration(RegistrationMode.OPEN).register("boss", PASSWORD, null, null, null, LOOPBACK);
        Authenticated user = accounts.register("user", PASSWORD, null, null, LOOPBACK);
        PasswordResets resets = new PasswordResets(admins, accounts, new InMemoryTicketStore(), tokens, clock);
        String secret = resets.issue(principal(boss), user.user().id());

        resets.reset(secret, "new password!");

        assertRefused(() -> accounts.authenticate(user.token()), ErrorCode.UNAUTHORIZED);
        assertThat(accounts.login("user", "new password!", null, "a").user().id()).isEqualTo(user.user().id());
        assertRefused(() -> resets.reset(secret, "another one!"), ErrorCode.INVALID_CREDENTIALS);
        String late = resets.issue(principal(boss), user.user().id());
        clock.advance(PasswordResets.LIFETIME);
        assertRefused(() -> resets.reset(late, "too late now"), ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void changingThePasswordKeepsOnlyThisSession() {
        Authenticated here = accounts.register("user", PASSWORD, null, null, LOOPBACK);
        Authenticated there = accounts.login("user", PASSWORD, null, "a");

        assertRefused(() -> accounts.changePassword(principal(here), "wrong", "new password!"), ErrorCode.INVALID_CREDENTIALS);
        accounts.changePassword(principal(here), PASSWORD, "new password!");

        assertThat(accounts.authenticate(here.token()).sessionId()).isEqualTo(here.sessionId());
        assertRefused(() -> accounts.authenticate(there.token()), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void deletingAnAccountAnonymisesItFreesTheNameAndTakesItsBots() {
        Authenticated user = accounts.register("leaver", PASSWORD, null, null, LOOPBACK);
        User bot = bots.create(principal(user), "leaver_bot", null);
        BotToken token = bots.createToken(principal(user), bot.id(), "ci", true, null);

        assertRefused(() -> closing.deleteOwn(principal(user), "wrong"), ErrorCode.INVALID_CREDENTIALS);
        closing.deleteOwn(principal(user), PASSWORD);

        User gone = store.findUser(user.user().id()).orElseThrow();
        assertThat(gone.displayName()).isEqualTo(AccountClosing.DISPLAY_NAME);
        assertThat(gone.username()).isEqualTo("deleted-" + user.user().id());
        assertThat(leftEverywhere).containsExactlyInAnyOrder(user.user().id(), bot.id());
        assertRefused(() -> accounts.authenticate(token.token()), ErrorCode.UNAUTHORIZED);
        assertThat(accounts.register("leaver", PASSWORD, null, null, LOOPBACK).user().id()).isNotEqualTo(user.user().id());
    }

    @Test
    void botTokensCarryTheirScopeAndOnlyTheOwnerManagesThem() {
        Authenticated owner = accounts.register("owner", PASSWORD, null, null, LOOPBACK);
        Authenticated other = accounts.register("other", PASSWORD, null, null, LOOPBACK);
        User bot = bots.create(principal(owner), "helper", "Helper");
        BotToken limited = bots.createToken(principal(owner), bot.id(), "ci", false, Set.of(42L));

        Principal asBot = accounts.authenticate(limited.token());
        assertThat(asBot.isBot()).isTrue();
        assertThat(asBot.scope().covers(42)).isTrue();
        assertThat(asBot.scope().covers(43)).isFalse();
        assertRefused(() -> asBot.scope().requireRead(43), ErrorCode.NOT_FOUND);
        assertRefused(() -> asBot.scope().requireSend(42), ErrorCode.FORBIDDEN);
        assertRefused(() -> bots.list(asBot), ErrorCode.FORBIDDEN);
        assertRefused(() -> bots.tokens(principal(other), bot.id()), ErrorCode.NOT_FOUND);
        assertRefused(() -> bots.createToken(principal(owner), bot.id(), "x", true, Set.of()), ErrorCode.INVALID_REQUEST);

        bots.revokeToken(principal(owner), bot.id(), limited.id());
        assertThat(told).containsExactly("revoked " + bot.id() + "/" + limited.id());
        assertRefused(() -> accounts.authenticate(limited.token()), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void singleSignOnLinksASubjectOnceAndProposesAFreeUsername() {
        accounts.register("ada.l", PASSWORD, null, null, LOOPBACK);
        SingleSignOn sso = new SingleSignOn(store, accounts, registration(RegistrationMode.OPEN), ids, new SecureRandom(), clock);
        SingleSignOn.Identity ada = new SingleSignOn.Identity("https://idp", "sub-1", "Ada.L", null, "ada@example.com", "Ada Lovelace");

        long first = sso.link(ada, false, null, LOOPBACK);
        long again = sso.link(ada, false, null, LOOPBACK);

        assertThat(again).isEqualTo(first);
        assertThat(store.findUser(first).orElseThrow()).extracting(User::username, User::displayName)
                .containsExactly("ada.l2", "Ada Lovelace");
        SingleSignOn closed = new SingleSignOn(store, accounts, registration(RegistrationMode.CLOSED), ids, new SecureRandom(), clock);
        SingleSignOn.Identity bob = new SingleSignOn.Identity("https://idp", "sub-2", null, null, null, null);
        assertRefused(() -> closed.link(bob, false, null, LOOPBACK), ErrorCode.REGISTRATION_CLOSED);
        assertThat(store.findUser(closed.link(bob, true, null, LOOPBACK)).orElseThrow().username()).as("signup = always").isEqualTo("user");
    }

    @Test
    void singleSignOnsFirstLoginIsASignUpFromTheBrowsersAddressAndAnAdminsAccountIsNot() {
        RateLimits d = RateLimits.defaults();
        RateLimits oneSignUp = new RateLimits(d.sendPerUser(), d.loginFailuresPerUsername(), d.loginPerAddress(),
                d.typingPerUser(), d.loginFailuresPerUsernameAndAddress(), new BucketSpec(1, 0.001), d.sendPerBot());
        AccountService limited = new AccountService(store, new PlainPasswordHasher(), tokens, ids,
                new RateLimitGate(new LocalRateLimiter(clock)), oneSignUp, events, clock);
        Registration open = new Registration(limited, store, invites, RegistrationMode.OPEN, clock);
        SingleSignOn sso = new SingleSignOn(store, limited, open, ids, new SecureRandom(), clock);
        SingleSignOn.Identity ada = new SingleSignOn.Identity("https://idp", "sub-1", "ada", null, null, null);
        SingleSignOn.Identity bob = new SingleSignOn.Identity("https://idp", "sub-2", "bob", null, null, null);

        long first = sso.link(ada, false, null, "10.0.0.1");

        assertRefused(() -> sso.link(bob, false, null, "10.0.0.1"), ErrorCode.RATE_LIMITED);
        assertRefused(() -> open.register("carol", PASSWORD, null, null, null, "10.0.0.1"), ErrorCode.RATE_LIMITED);
        assertThat(sso.link(ada, false, null, "10.0.0.1")).as("a later login is no sign-up").isEqualTo(first);
        assertThat(sso.link(bob, false, null, "10.0.0.2")).isNotEqualTo(first);
        assertThat(limited.createAccount("dave", PASSWORD, null, null).username()).isEqualTo("dave");
        assertThat(limited.createAccount("erin", PASSWORD, null, null).username()).as("an admin's accounts are not limited")
                .isEqualTo("erin");
    }

    @Test
    void usernameProposalsFitTheRule() {
        assertThat(UsernameProposal.from("Zoë Ünal", null, null, null)).isEqualTo("zoe_unal");
        assertThat(UsernameProposal.from(null, "x", "j.doe+tag@example.com", "Jane")).isEqualTo("j.doe_tag");
        assertThat(UsernameProposal.from(null, null, null, "李")).isEqualTo("user");
        assertThat(UsernameProposal.from("a".repeat(40), null, null, null)).hasSize(32);
        assertThat(UsernameProposal.candidates("a".repeat(32), () -> 7)).element(1).isEqualTo("a".repeat(31) + "2");
    }
}
