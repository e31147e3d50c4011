package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.AccountStore;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.ProfileUpdate;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.presence.StatusChoice;
import dev.parley.core.presence.StatusSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccountStore} must do. Subclass once per adapter and return a store from
 * {@link #newStore()}; close what it opened in an {@code @AfterEach} of the subclass. Tests use fresh ids and
 * names, so the store need not be empty.
 */
public abstract class AccountStoreContract {
    private AccountStore store;
    private final Instant now = UniqueIds.nowMillis();

    /** A store for one test. */
    protected abstract AccountStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    private NewUser newUser(String username) {
        return new NewUser(UniqueIds.next(), username, "Shown " + username, username + "@example.com",
                "hash-of-" + username, now);
    }

    private User created(String username) {
        NewUser user = newUser(username);
        assertThat(store.createUser(user)).isTrue();
        return store.findUser(user.id()).orElseThrow();
    }

    private Session session(User user, String device, Instant at) {
        return new Session(UniqueIds.next(), user.id(), device, at, at);
    }

    @Test
    void aCreatedUserIsFoundByIdWithoutAvatarOrStatus() {
        NewUser user = newUser(UniqueIds.name("u"));

        assertThat(store.createUser(user)).isTrue();

        User found = store.findUser(user.id()).orElseThrow();
        assertThat(found.id()).isEqualTo(user.id());
        assertThat(found.username()).isEqualTo(user.username());
        assertThat(found.displayName()).isEqualTo(user.displayName());
        assertThat(found.createdAt()).isEqualTo(now);
        assertThat(found.avatarUrl()).isNull();
        assertThat(found.statusText()).isNullOrEmpty();
    }

    @Test
    void unknownIdsAreNotFound() {
        assertThat(store.findUser(UniqueIds.next())).isEmpty();
        assertThat(store.passwordHash(UniqueIds.next())).isEmpty();
    }

    @Test
    void aTakenUsernameIsRefusedAndTheFirstUserIsKept() {
        User first = created(UniqueIds.name("u"));
        NewUser second = new NewUser(UniqueIds.next(), first.username(), "Impostor", null, "other-hash", now);

        assertThat(store.createUser(second)).isFalse();

        assertThat(store.findUser(second.id())).isEmpty();
        assertThat(store.findByUsername(first.username())).contains(first);
        assertThat(store.passwordHash(first.id())).contains("hash-of-" + first.username());
    }

    @Test
    void findByUsernameIsExact() {
        User user = created(UniqueIds.name("u"));

        assertThat(store.findByUsername(user.username())).contains(user);
        assertThat(store.findByUsername(user.username().substring(0, user.username().length() - 1))).isEmpty();
        assertThat(store.findByUsername(user.username() + "x")).isEmpty();
    }

    @Test
    void findUsersReturnsThoseThatExistByTheirIds() {
        User a = created(UniqueIds.name("a"));
        User b = created(UniqueIds.name("b"));
        long missing = UniqueIds.next();

        assertThat(store.findUsers(List.of(a.id(), b.id(), missing)))
                .containsOnlyKeys(a.id(), b.id())
                .containsEntry(a.id(), a)
                .containsEntry(b.id(), b);
        assertThat(store.findUsers(List.of())).isEmpty();
    }

    @Test
    void prefixSearchReturnsMatchesInUsernameOrderUpToTheLimit() {
        String prefix = UniqueIds.name("p");
        User c = created(prefix + "c");
        User a = created(prefix + "a");
        User b = created(prefix + "b");
        created(UniqueIds.name("q"));

        assertThat(store.searchByPrefix(prefix, 10)).containsExactly(a, b, c);
        assertThat(store.searchByPrefix(prefix, 2)).containsExactly(a, b);
        assertThat(store.searchByPrefix(prefix + "b", 10)).containsExactly(b);
    }

    @Test
    void prefixSearchTakesUnderscoreAndDotLiterally() {
        String base = UniqueIds.name("w");
        User underscore = created(base + "_x");
        User dot = created(base + ".x");
        created(base + "ax");

        assertThat(store.searchByPrefix(base + "_", 10)).containsExactly(underscore);
        assertThat(store.searchByPrefix(base + ".", 10)).containsExactly(dot);
    }

    @Test
    void passwordHashIsKeptAsGiven() {
        User user = created(UniqueIds.name("u"));

        assertThat(store.passwordHash(user.id())).contains("hash-of-" + user.username());
    }

    @Test
    void profileUpdateChangesOnlyTheFieldsGiven() {
        User user = created(UniqueIds.name("u"));

        User named = store.updateProfile(user.id(), new ProfileUpdate("New Name", null, null)).orElseThrow();
        assertThat(named.displayName()).isEqualTo("New Name");
        assertThat(named.avatarUrl()).isNull();

        User pictured = store.updateProfile(user.id(), new ProfileUpdate(null, "https://img.example.com/a.png", "busy"))
                .orElseThrow();
        assertThat(pictured.displayName()).isEqualTo("New Name");
        assertThat(pictured.avatarUrl()).isEqualTo("https://img.example.com/a.png");
        assertThat(pictured.statusText()).isEqualTo("busy");
        assertThat(pictured.username()).isEqualTo(user.username());
        assertThat(store.findUser(user.id())).contains(pictured);
    }

    @Test
    void emptyAvatarAndStatusClearThem() {
        User user = created(UniqueIds.name("u"));
        store.updateProfile(user.id(), new ProfileUpdate(null, "https://img.example.com/a.png", "busy"));

        User cleared = store.updateProfile(user.id(), new ProfileUpdate(null, "", "")).orElseThrow();

        assertThat(cleared.avatarUrl()).isNullOrEmpty();
        assertThat(cleared.statusText()).isNullOrEmpty();
        assertThat(cleared.displayName()).isEqualTo(user.displayName());
    }

    @Test
    void updatingAnUnknownUserGivesNothing() {
        assertThat(store.updateProfile(UniqueIds.next(), new ProfileUpdate("x", null, null))).isEmpty();
    }

    @Test
    void aSessionIsFoundByItsTokenHash() {
        User user = created(UniqueIds.name("u"));
        Session session = session(user, "phone", now);
        String tokenHash = UniqueIds.name("hash");

        store.createSession(session, tokenHash);

        assertThat(store.findSessionByTokenHash(tokenHash)).contains(session);
        assertThat(store.findSessionByTokenHash(tokenHash + "0")).isEmpty();
    }

    @Test
    void aSessionMayHaveNoDeviceName() {
        User user = created(UniqueIds.name("u"));
        Session session = session(user, null, now);
        String tokenHash = UniqueIds.name("hash");

        store.createSession(session, tokenHash);

        assertThat(store.findSessionByTokenHash(tokenHash)).contains(session);
    }

    @Test
    void listSessionsGivesOnlyTheUsersOwnInTheOrderTheyWereOpened() {
        User alice = created(UniqueIds.name("a"));
        User bob = created(UniqueIds.name("b"));
        Session first = session(alice, "phone", now);
        Session second = session(alice, "laptop", now.plusSeconds(5));
        store.createSession(second, UniqueIds.name("hash"));
        store.createSession(first, UniqueIds.name("hash"));
        store.createSession(session(bob, "desk", now), UniqueIds.name("hash"));

        assertThat(store.listSessions(alice.id())).containsExactly(first, second);
    }

    @Test
    void deletingASessionForgetsItsToken() {
        User user = created(UniqueIds.name("u"));
        Session session = session(user, "phone", now);
        String tokenHash = UniqueIds.name("hash");
        store.createSession(session, tokenHash);

        assertThat(store.deleteSession(user.id(), session.id())).isTrue();

        assertThat(store.findSessionByTokenHash(tokenHash)).isEmpty();
        assertThat(store.listSessions(user.id())).isEmpty();
        assertThat(store.deleteSession(user.id(), session.id())).isFalse();
    }

    @Test
    void aUserCannotDeleteAnotherUsersSession() {
        User alice = created(UniqueIds.name("a"));
        User bob = created(UniqueIds.name("b"));
        Session bobs = session(bob, "phone", now);
        String tokenHash = UniqueIds.name("hash");
        store.createSession(bobs, tokenHash);

        assertThat(store.deleteSession(alice.id(), bobs.id())).isFalse();

        assertThat(store.findSessionByTokenHash(tokenHash)).contains(bobs);
    }

    @Test
    void touchingASessionMovesItsLastSeenTime() {
        User user = created(UniqueIds.name("u"));
        Session session = session(user, "phone", now);
        String tokenHash = UniqueIds.name("hash");
        store.createSession(session, tokenHash);
        Instant later = now.plus(Duration.ofMinutes(3));

        store.touchSession(session.id(), later);

        Session touched = store.findSessionByTokenHash(tokenHash).orElseThrow();
        assertThat(touched.lastSeenAt()).isEqualTo(later);
        assertThat(touched.createdAt()).isEqualTo(now);
    }

    @Test
    void theChosenStatusIsKeptPerUserAndNeverChosenMeansNone() {
        User chooser = created(UniqueIds.name("u"));
        User other = created(UniqueIds.name("o"));

        store.setStatus(chooser.id(), new StatusSetting(StatusChoice.DND, now));
        assertThat(store.statuses(List.of(chooser.id(), other.id())))
                .containsExactly(java.util.Map.entry(chooser.id(), new StatusSetting(StatusChoice.DND, now)));

        store.setStatus(chooser.id(), new StatusSetting(StatusChoice.INVISIBLE, now.plusSeconds(5)));
        assertThat(store.statuses(List.of(chooser.id())).get(chooser.id()))
                .isEqualTo(new StatusSetting(StatusChoice.INVISIBLE, now.plusSeconds(5)));
        assertThat(store.statuses(List.of())).isEmpty();
    }
}
