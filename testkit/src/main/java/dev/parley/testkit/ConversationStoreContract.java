package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Page;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Membership;
import dev.parley.core.conversation.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConversationStore} must do. Subclass once per adapter and return a store from
 * {@link #newStore()}; close what it opened in an {@code @AfterEach} of the subclass. Tests use fresh ids and
 * names, so the store need not be empty.
 */
public abstract class ConversationStoreContract {
    private ConversationStore store;
    private final Instant now = UniqueIds.nowMillis();

    /** A store for one test. */
    protected abstract ConversationStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    private Conversation channel(String name, Visibility visibility, long ownerId) {
        Conversation channel = new Conversation(UniqueIds.next(), ConversationKind.CHANNEL, name, "a topic", visibility,
                ownerId, 1, now);
        store.createChannel(channel);
        return channel;
    }

    private Conversation channel(long ownerId) {
        return channel(UniqueIds.name("room"), Visibility.PRIVATE, ownerId);
    }

    private static long user() {
        return UniqueIds.next();
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
        store.addMember(theirs.id(), me, now);
        Conversation dm = store.findOrCreateDm(UniqueIds.next(), me, user(), now);
        channel(user());

        assertThat(store.membershipsOf(me)).extracting(Membership::conversationId)
                .containsExactlyInAnyOrder(mine.id(), theirs.id(), dm.id());
    }

    @Test
    void addingAMemberTwiceAddsThemOnce() {
        Conversation channel = channel(user());
        long joiner = user();
        Instant joinedAt = now.plusSeconds(30);

        assertThat(store.addMember(channel.id(), joiner, joinedAt)).isTrue();
        assertThat(store.addMember(channel.id(), joiner, joinedAt.plusSeconds(1))).isFalse();

        assertThat(store.find(channel.id()).orElseThrow().memberCount()).isEqualTo(2);
        assertThat(store.membership(channel.id(), joiner)).contains(new Membership(channel.id(), joiner, joinedAt, 0));
    }

    @Test
    void removingAMemberTwiceRemovesThemOnce() {
        long owner = user();
        Conversation channel = channel(owner);
        long member = user();
        store.addMember(channel.id(), member, now);

        assertThat(store.removeMember(channel.id(), member)).isTrue();
        assertThat(store.removeMember(channel.id(), member)).isFalse();

        assertThat(store.membership(channel.id(), member)).isEmpty();
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
            store.addMember(channel.id(), member, now.plusSeconds(i));
            expected.add(member);
        }

        assertThat(allMembers(channel.id(), 2)).containsExactlyElementsOf(expected);
        assertThat(allMembers(channel.id(), 3)).containsExactlyElementsOf(expected);
        assertThat(allMembers(channel.id(), 100)).containsExactlyElementsOf(expected);
        assertThat(store.members(channel.id(), null, 7).nextCursor()).isNull();
    }

    @Test
    void theLongestStandingMemberIsTheEarliestJoinerOtherThanTheOneExcluded() {
        long owner = user();
        Conversation channel = channel(owner);
        long first = user();
        long second = user();
        store.addMember(channel.id(), first, now.plusSeconds(1));
        store.addMember(channel.id(), second, now.plusSeconds(2));

        assertThat(store.longestStandingMember(channel.id(), owner)).contains(first);
        assertThat(store.longestStandingMember(channel.id(), first)).contains(owner);
        store.removeMember(channel.id(), first);
        assertThat(store.longestStandingMember(channel.id(), owner)).contains(second);
    }

    @Test
    void aRejoinedMemberStandsBehindThoseWhoStayed() {
        long owner = user();
        Conversation channel = channel(owner);
        long early = user();
        long stayed = user();
        store.addMember(channel.id(), early, now.plusSeconds(1));
        store.addMember(channel.id(), stayed, now.plusSeconds(2));
        store.removeMember(channel.id(), early);
        store.addMember(channel.id(), early, now.plusSeconds(3));

        assertThat(store.longestStandingMember(channel.id(), owner)).contains(stayed);
    }

    @Test
    void aChannelWithOnlyTheExcludedMemberHasNoLongestStandingMember() {
        long owner = user();
        Conversation channel = channel(owner);

        assertThat(store.longestStandingMember(channel.id(), owner)).isEmpty();
    }

    @Test
    void ownershipCanPass() {
        Conversation channel = channel(user());
        long heir = user();
        store.addMember(channel.id(), heir, now);

        store.setOwner(channel.id(), heir);

        assertThat(store.find(channel.id()).orElseThrow().ownerId()).isEqualTo(heir);
    }

    @Test
    void updateChangesOnlyTheFieldsGiven() {
        Conversation channel = channel(user());

        store.update(channel.id(), "renamed", null);
        assertThat(store.find(channel.id()).orElseThrow()).extracting(Conversation::name, Conversation::topic)
                .containsExactly("renamed", "a topic");

        store.update(channel.id(), null, "new topic");
        assertThat(store.find(channel.id()).orElseThrow()).extracting(Conversation::name, Conversation::topic)
                .containsExactly("renamed", "new topic");

        store.update(channel.id(), null, "");
        assertThat(store.find(channel.id()).orElseThrow().topic()).isEmpty();
    }

    @Test
    void aDeletedConversationIsInvisible() {
        long owner = user();
        String name = UniqueIds.name("gone");
        Conversation channel = channel(name, Visibility.PUBLIC, owner);
        Conversation kept = channel(owner);

        store.markDeleted(channel.id());

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
        store.addMember(channel.id(), member, now);

        store.advanceReadMarker(channel.id(), owner, 7);

        assertThat(store.membership(channel.id(), member).orElseThrow().lastReadSeq()).isZero();
        assertThat(store.advanceReadMarker(channel.id(), user(), 7)).isFalse();
    }
}
