package dev.parley.core.account;

import static dev.parley.core.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.fakes.InMemoryAccountStore;
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
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    private static final String PASSWORD = "correct horse";
    private static final BucketSpec LOGIN_FAILURES_PER_USERNAME = new BucketSpec(3, 0.5);
    private static final BucketSpec LOGINS_PER_ADDRESS = new BucketSpec(5, 1.0);
    private static final BucketSpec LOGIN_FAILURES_PER_PAIR = new BucketSpec(2, 0.25);
    private static final BucketSpec SIGN_UPS_PER_ADDRESS = new BucketSpec(20, 0.1);

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final List<String> told = new ArrayList<>();
    private final AccountEvents events = new AccountEvents() {
        @Override
        public void sessionRevoked(long userId, long sessionId) {
            told.add("revoked " + userId + "/" + sessionId);
        }

        @Override
        public void profileChanged(User user) {
            told.add("profile " + user.id());
        }
    };
    private final AccountService accounts = new AccountService(store, new PlainPasswordHasher(),
            new Tokens(new SecureRandom()), new Snowflake(clock, 1), new RateLimitGate(new LocalRateLimiter(clock)),
            new RateLimits(new BucketSpec(10, 1.0), LOGIN_FAILURES_PER_USERNAME, LOGINS_PER_ADDRESS, new BucketSpec(5, 0.5),
                    LOGIN_FAILURES_PER_PAIR, SIGN_UPS_PER_ADDRESS, new BucketSpec(20, 2.0)),
            events, clock);

    @Test
    void registerStoresTheUsernameLowerCaseAndOpensASession() {
        Authenticated signedUp = accounts.register("Alice", PASSWORD, "alice@example.com", null, "10.0.0.1");

        assertThat(signedUp.user().username()).isEqualTo("alice");
        assertThat(signedUp.user().displayName()).isEqualTo("alice");
        assertThat(accounts.authenticate(signedUp.token()))
                .isEqualTo(new Principal(signedUp.user().id(), signedUp.sessionId()));
        assertThat(store.passwordHash(signedUp.user().id())).get().isNotEqualTo(PASSWORD);
    }

    @Test
    void registerKeepsAGivenDisplayName() {
        assertThat(accounts.register("ada", PASSWORD, null, "  Ada L. ", "10.0.0.1").user().displayName()).isEqualTo("Ada L.");
    }

    @Test
    void aTakenUsernameIsRefusedWhateverItsCase() {
        accounts.register("alice", PASSWORD, null, null, "10.0.0.1");

        assertRefused(() -> accounts.register("ALICE", PASSWORD, null, null, "10.0.0.1"), ErrorCode.USERNAME_TAKEN);
        assertRefused(() -> accounts.register("Alice", "another password", null, null, "10.0.0.1"), ErrorCode.USERNAME_TAKEN);
        assertThat(accounts.search("alice", 10)).hasSize(1);
    }

    @Test
    void invalidSignUpsStoreNothing() {
        assertRefused(() -> accounts.register("a", PASSWORD, null, null, "10.0.0.1"), ErrorCode.INVALID_USERNAME);
        assertRefused(() -> accounts.register("bob", "short", null, null, "10.0.0.1"), ErrorCode.INVALID_PASSWORD);
        assertRefused(() -> accounts.register("bob", PASSWORD, "not-an-email", null, "10.0.0.1"), ErrorCode.INVALID_REQUEST);
        assertRefused(() -> accounts.register("bob", PASSWORD, null, "   ", "10.0.0.1"), ErrorCode.INVALID_REQUEST);
        assertThat(accounts.search("", 10)).isEmpty();
    }

    @Test
    void loginWithTheRightPasswordOpensAnotherSessionWhateverTheUsernameCase() {
        Authenticated first = accounts.register("alice", PASSWORD, null, null, "10.0.0.1");

        Authenticated second = accounts.login("ALICE", PASSWORD, "laptop", "10.0.0.1");

        assertThat(second.user().id()).isEqualTo(first.user().id());
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
        assertThat(accounts.sessions(accounts.authenticate(second.token())))
                .extracting(Session::deviceName).containsExactly(null, "laptop");
    }

    @Test
    void wrongPasswordIsInvalidCredentials() {
        accounts.register("alice", PASSWORD, null, null, "10.0.0.1");

        assertRefused(() -> accounts.login("alice", "wrong password", null, "10.0.0.1"), ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void unknownUsernameIsTheSameInvalidCredentials() {
        assertRefused(() -> accounts.login("nobody", PASSWORD, null, "10.0.0.1"), ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void loginFailuresAreLimitedPerUsernameWhicheverAddressTheyComeFrom() {
        accounts.register("alice", PASSWORD, null, null, "10.0.0.1");
        for (int i = 0; i < LOGIN_FAILURES_PER_USERNAME.burst(); i++) {
            String address = "10.0.0." + i;
            assertRefused(() -> accounts.login("alice", "guess " + address, null, address), ErrorCode.INVALID_CREDENTIALS);
        }

        ParleyException refused = assertRefused(() -> accounts.login("Alice", PASSWORD, null, "10.9.9.9"),
                ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfterMs()).isEqualTo(2000L);

        accounts.register("bob", PASSWORD, null, null, "10.0.0.1");
        assertThat(accounts.login("bob", PASSWORD, null, "10.9.9.9").user().username()).isEqualTo("bob");
    }

    @Test
    void loginsAreRateLimitedPerAddressWhicheverUsernameTheyTry() {
        accounts.register("alice", PASSWORD, null, null, "10.0.0.1");
        for (int i = 0; i < LOGINS_PER_ADDRESS.burst(); i++) {
            String name = "user" + i;
            assertRefused(() -> accounts.login(name, PASSWORD, null, "10.0.0.1"), ErrorCode.INVALID_CREDENTIALS);
        }

        ParleyException refused = assertRefused(() -> accounts.login("alice", PASSWORD, null, "10.0.0.1"),
                ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfterMs()).isEqualTo(1000L);
        assertThat(accounts.login("alice", PASSWORD, null, "10.0.0.2").user().username()).isEqualTo("alice");
    }

    @Test
    void aStrangersFailuresDoNotLockTheOwnerOutOfTheirOwnAddress() {
        accounts.register("alice", PASSWORD, null, null, "10.0.0.1");
        for (int i = 0; i < LOGIN_FAILURES_PER_PAIR.burst(); i++) {
            int guess = i;
            assertRefused(() -> accounts.login("alice", "guess " + guess, null, "10.6.6.6"), ErrorCode.INVALID_CREDENTIALS);
        }

        ParleyException throttled = assertRefused(() -> accounts.login("alice", "guess again", null, "10.6.6.6"),
                ErrorCode.RATE_LIMITED);
        assertThat(throttled.retryAfterMs()).isEqualTo(4000L);
        assertRefused(() -> accounts.login("alice", PASSWORD, null, "10.6.6.6"), ErrorCode.RATE_LIMITED);

        assertThat(accounts.login("alice", PASSWORD, "phone", "10.0.0.1").user().username()).isEqualTo("alice");
    }

    @Test
    void successfulLoginsDoNotCountAgainstTheFailureLimits() {
        accounts.register("alice", PASSWORD, null, null, "10.0.0.1");
        // more than either failure bucket holds, and within the address's bucket of attempts
        for (int i = 0; i < LOGINS_PER_ADDRESS.burst() - 1; i++) {
            assertThat(accounts.login("alice", PASSWORD, null, "10.0.0.1").user().username()).isEqualTo("alice");
        }
        assertRefused(() -> accounts.login("alice", "a guess", null, "10.0.0.1"), ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void aThrottledPairAgainAllowsAnAttemptOnceItsBucketRefills() {
        accounts.register("alice", PASSWORD, null, null, "10.0.0.1");
        for (int i = 0; i < LOGIN_FAILURES_PER_PAIR.burst(); i++) {
            assertRefused(() -> accounts.login("alice", "wrong", null, "10.0.0.1"), ErrorCode.INVALID_CREDENTIALS);
        }
        assertRefused(() -> accounts.login("alice", PASSWORD, null, "10.0.0.1"), ErrorCode.RATE_LIMITED);

        clock.advance(Duration.ofSeconds(4));

        assertThat(accounts.login("alice", PASSWORD, null, "10.0.0.1").user().username()).isEqualTo("alice");
    }

    @Test
    void signUpsAreRateLimitedPerAddressAndRefusedInputCostsNothing() {
        for (int i = 0; i < 30; i++) {
            assertRefused(() -> accounts.register("x", PASSWORD, null, null, "10.0.0.7"), ErrorCode.INVALID_USERNAME);
        }
        for (int i = 0; i < SIGN_UPS_PER_ADDRESS.burst(); i++) {
            accounts.register("user" + i, PASSWORD, null, null, "10.0.0.7");
        }

        ParleyException refused = assertRefused(() -> accounts.register("one_more", PASSWORD, null, null, "10.0.0.7"),
                ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfterMs()).isEqualTo(10_000L);
        assertRefused(() -> accounts.byUsername("one_more"), ErrorCode.NOT_FOUND);
        assertThat(accounts.register("one_more", PASSWORD, null, null, "10.0.0.8").user().username()).isEqualTo("one_more");
    }

    @Test
    void missingOrUnknownTokensAreUnauthorized() {
        assertRefused(() -> accounts.authenticate(null), ErrorCode.UNAUTHORIZED);
        assertRefused(() -> accounts.authenticate(""), ErrorCode.UNAUTHORIZED);
        assertRefused(() -> accounts.authenticate(new Tokens(new SecureRandom()).newToken()), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void loggingOutRevokesOnlyThatSession() {
        Authenticated phone = accounts.register("alice", PASSWORD, null, null, "10.0.0.1");
        Authenticated laptop = accounts.login("alice", PASSWORD, "laptop", "10.0.0.1");

        accounts.logout(accounts.authenticate(phone.token()));

        assertRefused(() -> accounts.authenticate(phone.token()), ErrorCode.UNAUTHORIZED);
        assertThat(accounts.authenticate(laptop.token()).sessionId()).isEqualTo(laptop.sessionId());
        assertThat(told).containsExactly("revoked " + phone.user().id() + "/" + phone.sessionId());
    }

    @Test
    void revokingAnotherDevicesSessionMakesItsTokenUnauthorized() {
        Authenticated phone = accounts.register("alice", PASSWORD, null, null, "10.0.0.1");
        Authenticated laptop = accounts.login("alice", PASSWORD, "laptop", "10.0.0.1");

        accounts.revokeSession(accounts.authenticate(phone.token()), laptop.sessionId());

        assertRefused(() -> accounts.authenticate(laptop.token()), ErrorCode.UNAUTHORIZED);
        assertThat(accounts.sessions(accounts.authenticate(phone.token()))).extracting(Session::id)
                .containsExactly(phone.sessionId());
    }

    @Test
    void aUserCannotRevokeSomeoneElsesSession() {
        Authenticated alice = accounts.register("alice", PASSWORD, null, null, "10.0.0.1");
        Authenticated bob = accounts.register("bob", PASSWORD, null, null, "10.0.0.1");

        assertRefused(() -> accounts.revokeSession(accounts.authenticate(alice.token()), bob.sessionId()),
                ErrorCode.NOT_FOUND);
        assertThat(accounts.authenticate(bob.token()).userId()).isEqualTo(bob.user().id());
        assertThat(told).isEmpty();
    }

    @Test
    void authenticatingRecordsLastSeenAtMostOncePerMinute() {
        Authenticated alice = accounts.register("alice", PASSWORD, null, null, "10.0.0.1");
        Principal principal = accounts.authenticate(alice.token());
        var created = accounts.sessions(principal).get(0).lastSeenAt();

        clock.advance(Duration.ofSeconds(30));
        accounts.authenticate(alice.token());
        assertThat(accounts.sessions(principal).get(0).lastSeenAt()).isEqualTo(created);

        clock.advance(Duration.ofSeconds(90));
        accounts.authenticate(alice.token());
        assertThat(accounts.sessions(principal).get(0).lastSeenAt()).isEqualTo(clock.instant());
    }

    @Test
    void profileUpdatesAreValidatedAndAnnounced() {
        Authenticated alice = accounts.register("alice", PASSWORD, null, null, "10.0.0.1");
        Principal me = accounts.authenticate(alice.token());

        assertRefused(() -> accounts.updateProfile(me, new ProfileUpdate(null, "javascript:alert(1)", null)),
                ErrorCode.INVALID_AVATAR_URL);
        assertThat(accounts.user(me.userId()).avatarUrl()).isNull();
        assertThat(told).isEmpty();

        User updated = accounts.updateProfile(me, new ProfileUpdate(" Alice ", "https://img.example.com/a.png", "hi"));

        assertThat(updated.displayName()).isEqualTo("Alice");
        assertThat(updated.avatarUrl()).isEqualTo("https://img.example.com/a.png");
        assertThat(updated.statusText()).isEqualTo("hi");
        assertThat(accounts.byUsername("ALICE")).isEqualTo(updated);
        assertThat(told).containsExactly("profile " + me.userId());
    }

    @Test
    void usersAreFoundByExactUsernameOrPrefixIgnoringCase() {
        accounts.register("alice", PASSWORD, null, null, "10.0.0.1");
        accounts.register("alicia", PASSWORD, null, null, "10.0.0.1");
        accounts.register("bob", PASSWORD, null, null, "10.0.0.1");

        assertThat(accounts.search("ALI", 10)).extracting(User::username).containsExactly("alice", "alicia");
        assertThat(accounts.search("ali", 1)).extracting(User::username).containsExactly("alice");
        assertRefused(() -> accounts.byUsername("ali"), ErrorCode.NOT_FOUND);
    }
}
