package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Page;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Membership;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.Futures;
import dev.parley.core.event.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConversationStore} must do, with the message log whose writer changes its memberships and
 * channels. Subclass once per adapter and open the backend in {@link #newBackend}; the contract closes the log and
 * then the backend's resources after each test. Tests use fresh ids and names, so the store need not be empty.
 */
public abstract class ConversationStoreContract {
    private Backend backend;
    private ConversationStore store;
    private final Instant now = UniqueIds.nowMillis();

    /** The stores for one test. */
    protected abstract Backend newBackend();

    @BeforeEach
    void openStore() {
        backend = newBackend();
        store = backend.conversations();
    }

    @AfterEach
    void closeStore() throws Exception {
        backend.log().close();
        backend.resources().close();
    }

    private Conversation channel(String name, Visibility visibility, long ownerId) {
        return backend.channel(backend.accounts().findUser(ownerId).orElseThrow(), name, visibility, now);
    }

    private Conversation channel(long ownerId) {
        return channel(UniqueIds.name("room"), Visibility.PRIVATE, ownerId);
    }

    private long user() {
        return backend.user().id();
    }

    /** Adds a member the way every membership is made: through the log, by the channel's owner. */
    private long add(Conversation channel, long userId) {
        User member = backend.accounts().findUser(userId).orElseThrow();
        long owner = store.find(channel.id()).orElseThrow().ownerId();
        return Futures.await(backend.log().append(new LogEntry.AddMember(channel.id(), member, owner, now))).event().seq();
    }

    private List<Long> allMembers(long conversationId, int pageSize) {
        List<Long> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Long> page = store.members(conversationId, cursor, pageSize);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    @Test
    void aNewChannelIsFoundWithItsOwnerAsOnlyMember() {
        long owner = user();
        Conversation channel = channel(UniqueIds.name("room"), Visibility.PUBLIC, owner);

        assertThat(store.find(channel.id())).contains(channel);
        assertThat(store.membership(channel.id(), owner))
                .contains(new Membership(channel.id(), owner, now, 0));
        assertThat(store.members(channel.id(), null, 10).items()).containsExactly(owner);
    }

    @Test
    void anUnknownConversationIsNotFound() {
        assertThat(store.find(UniqueIds.next())).isEmpty();
        assertThat(store.membership(UniqueIds.next(), user())).isEmpty();
    }

    @Test
    void aDmIsCreatedOnceForAPairWhicheverWayRoundItIsAsked() {
        long a = user();
        long b = user();
        long firstId = UniqueIds.next();
        long secondId = UniqueIds.next();

        Conversation dm = store.findOrCreateDm(firstId, a, b, now);
        Conversation again = store.findOrCreateDm(secondId, b, a, now.plusSeconds(60));

        assertThat(dm.id()).isEqualTo(firstId);
        assertThat(again).isEqualTo(dm);
        assertThat(store.find(secondId)).isEmpty();
        assertThat(dm.kind()).isEqualTo(ConversationKind.DM);
        assertThat(dm.ownerId()).isNull();
        assertThat(dm.memberCount()).isEqualTo(2);
        assertThat(dm.createdAt()).isEqualTo(now);
        assertThat(store.membership(dm.id(), a)).isPresent();
        assertThat(store.membership(dm.id(), b)).isPresent();
    }

    @Test
    void eachPairHasItsOwnDm() {
        long a = user();
        long b = user();
        long c = user();

        Conversation ab = store.findOrCreateDm(UniqueIds.next(), a, b, now);
        Conversation ac = store.findOrCreateDm(UniqueIds.next(), a, c, now);

        assertThat(ac.id()).isNotEqualTo(ab.id());
        assertThat(store.membership(ab.id(), c)).isEmpty();
    }

    @Test
    void membershipsOfAUserSpanChannelsAndDms() {
        long me = user();
        Conversation mine = channel(me);
        Conversation theirs = channel(user());
        add(theirs, me);
        Conversation dm = store.findOrCreateDm(UniqueIds.next(), me, user(), now);
        channel(user());

        assertThat(store.membershipsOf(me)).extracting(Membership::conversationId)
                .containsExactlyInAnyOrder(mine.id(), theirs.id(), dm.id());
    }

    @Test
    void aRemovedMemberIsGoneFromEveryRead() {
        long owner = user();
        Conversation channel = channel(owner);
        long member = user();
        add(channel, member);

        Futures.await(backend.log().append(new LogEntry.RemoveMember(channel.id(),
                backend.accounts().findUser(member).orElseThrow(), owner, now)));

        assertThat(store.membership(channel.id(), member)).isEmpty();
        assertThat(store.isMember(channel.id(), member)).isFalse();
        assertThat(store.find(channel.id()).orElseThrow().memberCount()).isEqualTo(1);
        assertThat(store.membershipsOf(member)).isEmpty();
        assertThat(store.members(channel.id(), null, 10).items()).containsExactly(owner);
    }

    @Test
    void membersArePagedInTheOrderTheyJoined() {
        long owner = user();
        Conversation channel = channel(owner);
        List<Long> expected = new ArrayList<>(List.of(owner));
        for (int i = 0; i < 6; i++) {
            long member = user();
            add(channel, member);
            expected.add(member);
        }

        assertThat(allMembers(channel.id(), 2)).containsExactlyElementsOf(expected);
        assertThat(allMembers(channel.id(), 3)).containsExactlyElementsOf(expected);
        assertThat(allMembers(channel.id(), 100)).containsExactlyElementsOf(expected);
        assertThat(store.members(channel.id(), null, 7).nextCursor()).isNull();
    }

    @Test
    void aDeletedConversationIsInvisible() {
        long owner = user();
        String name = UniqueIds.name("gone");
        Conversation channel = channel(name, Visibility.PUBLIC, owner);
        Conversation kept = channel(owner);

        Futures.await(backend.log().append(new LogEntry.RemoveConversation(channel.id(), owner, now)));

        assertThat(store.find(channel.id())).isEmpty();
        assertThat(store.membership(channel.id(), owner)).isEmpty();
        assertThat(store.membershipsOf(owner)).extracting(Membership::conversationId).containsExactly(kept.id());
        assertThat(store.publicChannels(name, null, 10).items()).isEmpty();
    }

    @Test
    void publicChannelsMatchTheQueryIgnoringCaseNewestFirstAndExcludePrivateOnes() {
        String tag = UniqueIds.name("tag");
        Conversation older = channel("Old " + tag.toUpperCase(Locale.ROOT) + " room", Visibility.PUBLIC, user());
        Conversation newer = channel("new " + tag + " room", Visibility.PUBLIC, user());
        channel("secret " + tag, Visibility.PRIVATE, user());
        channel(UniqueIds.name("other"), Visibility.PUBLIC, user());

        Page<Conversation> page = store.publicChannels(tag, null, 10);

        assertThat(page.items()).extracting(Conversation::id).containsExactly(newer.id(), older.id());
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void publicChannelsArePagedByCursor() {
        String tag = UniqueIds.name("tag");
        List<Long> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, channel(tag + " " + i, Visibility.PUBLIC, user()).id());
        }

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Conversation> page = store.publicChannels(tag, cursor, 2);
            page.items().forEach(c -> seen.add(c.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void publicChannelQueryTakesWildcardCharactersLiterally() {
        String tag = UniqueIds.name("tag");
        Conversation percent = channel(tag + " 100% on", Visibility.PUBLIC, user());
        Conversation underscore = channel(tag + " a_b", Visibility.PUBLIC, user());
        channel(tag + " 100 on", Visibility.PUBLIC, user());
        channel(tag + " axb", Visibility.PUBLIC, user());

        assertThat(store.publicChannels(tag + " 100%", null, 10).items()).extracting(Conversation::id)
                .containsExactly(percent.id());
        assertThat(store.publicChannels(tag + " a_b", null, 10).items()).extracting(Conversation::id)
                .containsExactly(underscore.id());
    }

    @Test
    void readMarkersOnlyMoveForward() {
        long owner = user();
        Conversation channel = channel(owner);

        assertThat(store.advanceReadMarker(channel.id(), owner, 5)).isTrue();
        assertThat(store.advanceReadMarker(channel.id(), owner, 5)).isFalse();
        assertThat(store.advanceReadMarker(channel.id(), owner, 3)).isFalse();
        assertThat(store.membership(channel.id(), owner).orElseThrow().lastReadSeq()).isEqualTo(5);
        assertThat(store.advanceReadMarker(channel.id(), owner, 9)).isTrue();
        assertThat(store.membership(channel.id(), owner).orElseThrow().lastReadSeq()).isEqualTo(9);
    }

    @Test
    void readMarkersAreKeptPerMember() {
        long owner = user();
        long member = user();
        Conversation channel = channel(owner);
        long joinedAt = add(channel, member);
        assertThat(store.membership(channel.id(), member).orElseThrow().lastReadSeq())
                .as("a new member has read up to their joining").isEqualTo(joinedAt);

        store.advanceReadMarker(channel.id(), owner, 7);

        assertThat(store.membership(channel.id(), member).orElseThrow().lastReadSeq()).isEqualTo(joinedAt);
        assertThat(store.advanceReadMarker(channel.id(), user(), 7)).isFalse();
    }

    @Test
    void bannedUsersAreListedMostRecentFirstUntilUnbanned() {
        long owner = user();
        Conversation c = channel(owner);
        long member = user();
        long stranger = user();
        add(c, member);
        User memberUser = backend.accounts().findUser(member).orElseThrow();
        User strangerUser = backend.accounts().findUser(stranger).orElseThrow();

        Futures.await(backend.log().append(new LogEntry.Ban(c.id(), memberUser, owner, now)));
        Futures.await(backend.log().append(new LogEntry.Ban(c.id(), strangerUser, owner, now.plusSeconds(1))));

        assertThat(store.bannedUsers(c.id())).containsExactly(stranger, member);
        assertThat(store.isMember(c.id(), member)).isFalse();
        assertThat(store.find(c.id()).orElseThrow().memberCount()).isEqualTo(1);

        Futures.await(backend.log().append(new LogEntry.Unban(c.id(), stranger, owner, now.plusSeconds(2))));
        assertThat(store.bannedUsers(c.id())).containsExactly(member);
        assertThat(store.bannedUsers(channel(owner).id())).isEmpty();
    }
}
