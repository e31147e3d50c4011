package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Page;
import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.ProfileUpdate;
import dev.parley.core.account.Scope;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.presence.StatusChoice;
import dev.parley.core.presence.StatusSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    // ---- accounts as admins see them, bots, tokens, identities (1.1)

    private User bot(String username, long ownerId) {
        NewUser bot = new NewUser(UniqueIds.next(), username, "Bot " + username, null, "", now, false, ownerId);
        assertThat(store.createUser(bot)).isTrue();
        return store.findUser(bot.id()).orElseThrow();
    }

    @Test
    void aNewAccountIsActiveAndAPersonUnlessSaidOtherwise() {
        User person = created(UniqueIds.name("p"));
        NewUser adminUser = new NewUser(UniqueIds.next(), UniqueIds.name("a"), "Admin", null, "h", now, true, null);
        store.createUser(adminUser);

        assertThat(store.findAccount(person.id())).contains(new Account(person, false, false, false, null));
        assertThat(person.bot()).isFalse();
        assertThat(store.findAccount(adminUser.id()).orElseThrow().admin()).isTrue();
        assertThat(store.findAccount(UniqueIds.next())).isEmpty();
        assertThat(store.hasUsers()).isTrue();
        assertThat(store.hasAdmin()).isTrue();
    }

    @Test
    void aBotIsMarkedAndListedForItsOwner() {
        User owner = created(UniqueIds.name("o"));
        User other = created(UniqueIds.name("x"));
        User second = bot(UniqueIds.name("zbot"), owner.id());
        User first = bot(UniqueIds.name("abot"), owner.id());

        assertThat(first.bot()).isTrue();
        assertThat(store.findAccount(first.id()).orElseThrow().botOwnerId()).isEqualTo(owner.id());
        assertThat(store.botsOf(owner.id())).containsExactly(first, second);
        assertThat(store.botsOf(other.id())).isEmpty();
        assertThat(store.findUsers(List.of(first.id())).get(first.id()).bot()).isTrue();
    }

    @Test
    void adminAndDeactivatedFlagsAreSetAndCleared() {
        User user = created(UniqueIds.name("u"));

        assertThat(store.setAdmin(user.id(), true)).isTrue();
        assertThat(store.setDeactivated(user.id(), true)).isTrue();
        Account flagged = store.findAccount(user.id()).orElseThrow();
        assertThat(flagged.admin()).isTrue();
        assertThat(flagged.deactivated()).isTrue();
        assertThat(flagged.active()).isFalse();

        store.setAdmin(user.id(), false);
        store.setDeactivated(user.id(), false);
        assertThat(store.findAccount(user.id())).contains(new Account(user, false, false, false, null));
        assertThat(store.setAdmin(UniqueIds.next(), true)).isFalse();
        assertThat(store.setDeactivated(UniqueIds.next(), true)).isFalse();
    }

    @Test
    void accountsAreSearchedByUsernameOrDisplayNameAndPagedInUsernameOrder() {
        String tag = UniqueIds.name("t");
        List<User> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(created(tag + "_" + i));
        }
        NewUser byName = new NewUser(UniqueIds.next(), UniqueIds.name("zz"), "Known as " + tag.toUpperCase(java.util.Locale.ROOT),
                null, "h", now);
        store.createUser(byName);

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Account> page = store.accounts(tag, cursor, 2);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(a -> seen.add(a.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        List<Long> expected = new ArrayList<>(made.stream().map(User::id).toList());
        expected.add(byName.id());
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(store.accounts(tag + "_3", null, 10).items()).extracting(Account::id).containsExactly(made.get(3).id());
    }

    @Test
    void aNewPasswordHashReplacesTheOld() {
        User user = created(UniqueIds.name("u"));

        assertThat(store.setPasswordHash(user.id(), "new-hash")).isTrue();

        assertThat(store.passwordHash(user.id())).contains("new-hash");
        assertThat(store.setPasswordHash(UniqueIds.next(), "x")).isFalse();
    }

    @Test
    void deleteSessionsRemovesAllButTheOneKeptAndSaysWhich() {
        User user = created(UniqueIds.name("u"));
        User other = created(UniqueIds.name("o"));
        Session kept = session(user, "kept", now);
        Session a = session(user, "a", now);
        Session b = session(user, "b", now);
        Session others = session(other, "x", now);
        store.createSession(kept, UniqueIds.name("h"));
        store.createSession(a, UniqueIds.name("h"));
        store.createSession(b, UniqueIds.name("h"));
        store.createSession(others, UniqueIds.name("h"));

        assertThat(store.deleteSessions(user.id(), kept.id())).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(store.listSessions(user.id())).containsExactly(kept);
        assertThat(store.deleteSessions(user.id(), 0)).containsExactly(kept.id());
        assertThat(store.listSessions(user.id())).isEmpty();
        assertThat(store.listSessions(other.id())).containsExactly(others);
    }

    @Test
    void aBotTokenKeepsItsScope() {
        User owner = created(UniqueIds.name("o"));
        User bot = bot(UniqueIds.name("bot"), owner.id());
        Session limited = new Session(UniqueIds.next(), bot.id(), "ci", now, now, new Scope(Scope.Access.READ, Set.of(5L, 7L)));
        Session everywhere = new Session(UniqueIds.next(), bot.id(), "relay", now, now, new Scope(Scope.Access.READ_SEND, Set.of()));
        String limitedHash = UniqueIds.name("h");
        String everywhereHash = UniqueIds.name("h");

        store.createSession(limited, limitedHash);
        store.createSession(everywhere, everywhereHash);

        assertThat(store.findSessionByTokenHash(limitedHash)).contains(limited);
        assertThat(store.findSessionByTokenHash(everywhereHash)).contains(everywhere);
        assertThat(store.listSessions(bot.id())).containsExactlyInAnyOrder(limited, everywhere);
        Session person = session(owner, "phone", now);
        String personHash = UniqueIds.name("h");
        store.createSession(person, personHash);
        assertThat(store.findSessionByTokenHash(personHash).orElseThrow().scope()).isEqualTo(Scope.PERSON);
    }

    @Test
    void aDeletedAccountIsAnonymisedFreesItsUsernameAndLeavesSearches() {
        User user = created(UniqueIds.name("gone"));
        store.updateProfile(user.id(), new ProfileUpdate(null, "https://example.com/a.png", "busy"));
        String placeholder = "deleted-" + user.id();

        assertThat(store.markDeleted(user.id(), placeholder, "Deleted user")).isTrue();

        Account deleted = store.findAccount(user.id()).orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.user()).extracting(User::username, User::displayName, User::avatarUrl)
                .containsExactly(placeholder, "Deleted user", null);
        assertThat(deleted.user().statusText()).isNullOrEmpty();
        assertThat(store.passwordHash(user.id())).contains("");
        assertThat(store.findByUsername(user.username())).isEmpty();
        assertThat(store.searchByPrefix("deleted-" + user.id(), 10)).isEmpty();
        assertThat(store.accounts(placeholder, null, 10).items()).isEmpty();
        assertThat(store.createUser(newUser(user.username()))).as("the username is free again").isTrue();
    }

    @Test
    void aLinkedIdentityFindsItsAccountAndIsLinkedOnce() {
        String issuer = "https://idp.example/" + UniqueIds.name("r");
        String subject = UniqueIds.name("sub");
        NewUser first = new NewUser(UniqueIds.next(), UniqueIds.name("sso"), "SSO", null, "", now);
        NewUser second = new NewUser(UniqueIds.next(), UniqueIds.name("sso"), "SSO again", null, "", now);

        assertThat(store.findIdentity(issuer, subject)).isEmpty();
        assertThat(store.createLinkedUser(first, issuer, subject)).contains(first.id());
        assertThat(store.createLinkedUser(second, issuer, subject)).as("a second link of the same subject").contains(first.id());

        assertThat(store.findUser(second.id())).isEmpty();
        assertThat(store.findIdentity(issuer, subject)).contains(first.id());
        assertThat(store.findIdentity(issuer, subject + "x")).isEmpty();
        assertThat(store.findIdentity(issuer + "/other", subject)).isEmpty();
    }

    @Test
    void aLinkedUserWithATakenUsernameIsNotStored() {
        User taken = created(UniqueIds.name("t"));
        NewUser clash = new NewUser(UniqueIds.next(), taken.username(), "Clash", null, "", now);
        String subject = UniqueIds.name("sub");

        assertThat(store.createLinkedUser(clash, "https://idp.example", subject)).isEmpty();

        assertThat(store.findIdentity("https://idp.example", subject)).isEmpty();
        assertThat(store.findUser(clash.id())).isEmpty();
    }
}
