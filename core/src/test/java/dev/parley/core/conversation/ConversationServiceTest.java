package dev.parley.core.conversation;

import static dev.parley.core.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.NewUser;
import dev.parley.core.account.Principal;
import dev.parley.core.account.User;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.EventPublisher;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.RelayEvent;
import dev.parley.core.fakes.InMemoryAccountStore;
import dev.parley.core.fakes.InMemoryConversationStore;
import dev.parley.core.fakes.InMemoryMessageLog;
import dev.parley.core.fakes.MutableClock;
import dev.parley.core.fakes.RecordingRelay;
import dev.parley.core.id.Snowflake;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationServiceTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final Snowflake ids = new Snowflake(clock, 1);
    private final InMemoryAccountStore accounts = new InMemoryAccountStore();
    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final RecordingRelay relay = new RecordingRelay();
    private final EventPublisher publisher = new EventPublisher(relay);
    private final InMemoryMessageLog log = new InMemoryMessageLog(store, publisher);
    private final List<RelayEvent> relayed = relay.events();
    private final ConversationService conversations;

    private final Principal ann = user("ann");
    private final Principal ben = user("ben");
    private final Principal cat = user("cat");
    private final Principal dan = user("dan");

    ConversationServiceTest() {
        conversations = new ConversationService(store, accounts, log, log, publisher, ids, clock);
    }

    private Principal user(String name) {
        long id = ids.next();
        accounts.createUser(new NewUser(id, name, name, null, "x", clock.instant()));
        return new Principal(id, ids.next());
    }

    private long channel(Principal owner, Visibility visibility, Principal... members) {
        long id = conversations.createChannel(owner, "room", null, visibility).conversation().id();
        for (Principal m : members) {
            clock.advance(Duration.ofSeconds(1));
            conversations.addMember(owner, id, m.userId());
        }
        return id;
    }

    private long post(long conversationId, Principal author) {
        LogEvent event = log.append(new LogEntry.PostMessage(conversationId, ids.next(), author.userId(), "hi", null, null,
                clock.instant())).join().event();
        return event.seq();
    }

    private List<Class<?>> relayedKinds() {
        return relayed.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void creatorOwnsANewChannelAndIsItsOnlyMember() {
        ConversationView view = conversations.createChannel(ann, "  general ", "  hello ", Visibility.PRIVATE);

        assertThat(relayed).singleElement().isInstanceOfSatisfying(Ephemeral.ConversationOpened.class, o -> {
            assertThat(o.conversation().id()).isEqualTo(view.conversation().id());
            assertThat(o.members()).extracting(User::id).containsExactly(ann.userId());
        });
        assertThat(view.conversation().name()).isEqualTo("general");
        assertThat(view.conversation().topic()).isEqualTo("hello");
        assertThat(view.conversation().ownerId()).isEqualTo(ann.userId());
        assertThat(view.lastSeq()).isZero();
        assertThat(conversations.members(ann, view.conversation().id(), null, 10).items()).extracting(User::id)
                .containsExactly(ann.userId());
    }

    @Test
    void nonMembersGetNotFoundAsIfTheConversationDidNotExist() {
        long id = channel(ann, Visibility.PUBLIC, ben);

        assertRefused(() -> conversations.get(cat, id), ErrorCode.NOT_FOUND);
        assertRefused(() -> conversations.members(cat, id, null, 10), ErrorCode.NOT_FOUND);
        assertRefused(() -> conversations.markRead(cat, id, 1), ErrorCode.NOT_FOUND);
        assertRefused(() -> conversations.leave(cat, id), ErrorCode.NOT_FOUND);
        assertRefused(() -> conversations.update(cat, id, "mine", null), ErrorCode.NOT_FOUND);
        assertRefused(() -> conversations.delete(cat, id), ErrorCode.NOT_FOUND);
        assertRefused(() -> conversations.addMember(cat, id, dan.userId()), ErrorCode.NOT_FOUND);
        assertRefused(() -> conversations.get(cat, 424242L), ErrorCode.NOT_FOUND);
    }

    @Test
    void membersWhoDoNotOwnTheChannelAreForbiddenToModerate() {
        long id = channel(ann, Visibility.PRIVATE, ben, cat);
        relayed.clear();

        assertRefused(() -> conversations.update(ben, id, "mine", "topic"), ErrorCode.FORBIDDEN);
        assertRefused(() -> conversations.delete(ben, id), ErrorCode.FORBIDDEN);
        assertRefused(() -> conversations.addMember(ben, id, dan.userId()), ErrorCode.FORBIDDEN);
        assertRefused(() -> conversations.removeMember(ben, id, cat.userId()), ErrorCode.FORBIDDEN);

        assertThat(conversations.get(ann, id).conversation().name()).isEqualTo("room");
        assertThat(conversations.members(ann, id, null, 10).items()).hasSize(3);
        assertThat(relayed).isEmpty();
    }

    @Test
    void ownerRenamesAndEveryMemberSeesAChangeEvent() {
        long id = channel(ann, Visibility.PRIVATE, ben);

        conversations.update(ann, id, "renamed", null);

        assertThat(conversations.get(ben, id).conversation().name()).isEqualTo("renamed");
        assertThat(conversations.get(ben, id).conversation().topic()).isEmpty();
        assertThat(relayed.get(relayed.size() - 1)).isInstanceOf(LogEvent.ConversationChanged.class);
    }

    @Test
    void ownerLeavingHandsOwnershipToTheLongestStandingMember() {
        long id = channel(ann, Visibility.PRIVATE, ben, cat);
        relayed.clear();

        conversations.leave(ann, id);

        assertThat(conversations.get(ben, id).conversation().ownerId()).isEqualTo(ben.userId());
        assertRefused(() -> conversations.get(ann, id), ErrorCode.NOT_FOUND);
        // the hand-over is logged before the departure, so ownership always rests with a member
        assertThat(relayedKinds()).containsExactly(LogEvent.ConversationChanged.class, LogEvent.MemberRemoved.class);
        conversations.update(ben, id, "ben's now", null);
        assertRefused(() -> conversations.update(cat, id, "cat's", null), ErrorCode.FORBIDDEN);
    }

    @Test
    void aMemberLeavingLeavesTheOwnerInPlace() {
        long id = channel(ann, Visibility.PRIVATE, ben);

        conversations.leave(ben, id);

        assertThat(conversations.get(ann, id).conversation().ownerId()).isEqualTo(ann.userId());
        assertRefused(() -> conversations.get(ben, id), ErrorCode.NOT_FOUND);
    }

    @Test
    void theLastMemberLeavingDeletesTheChannel() {
        long id = channel(ann, Visibility.PUBLIC);
        relayed.clear();

        conversations.leave(ann, id);

        assertThat(store.find(id)).isEmpty();
        assertRefused(() -> conversations.join(ben, id), ErrorCode.NOT_FOUND);
        assertThat(relayedKinds()).containsExactly(LogEvent.ConversationRemoved.class);
    }

    @Test
    void ownerDeletingTheChannelRemovesItForEveryone() {
        long id = channel(ann, Visibility.PUBLIC, ben);

        conversations.delete(ann, id);

        assertRefused(() -> conversations.get(ben, id), ErrorCode.NOT_FOUND);
        assertThat(conversations.list(ben)).isEmpty();
        assertThat(relayed.get(relayed.size() - 1)).isInstanceOf(LogEvent.ConversationRemoved.class);
    }

    @Test
    void ownerRemovingAMemberLogsItAndTheyLoseAccess() {
        long id = channel(ann, Visibility.PRIVATE, ben);
        relayed.clear();

        conversations.removeMember(ann, id, ben.userId());

        assertRefused(() -> conversations.get(ben, id), ErrorCode.NOT_FOUND);
        assertThat(relayed).singleElement().isInstanceOfSatisfying(LogEvent.MemberRemoved.class, r -> {
            assertThat(r.conversationId()).isEqualTo(id);
            assertThat(r.seq()).isEqualTo(2);
            assertThat(r.at()).isEqualTo(clock.instant());
            assertThat(r.member().id()).isEqualTo(ben.userId());
        });
    }

    @Test
    void openingADmTwiceFromEitherSideGivesTheSameConversation() {
        ConversationView first = conversations.openDm(ann, "ben");
        ConversationView again = conversations.openDm(ann, "BEN");
        ConversationView fromBen = conversations.openDm(ben, "Ann");

        assertThat(again.conversation().id()).isEqualTo(first.conversation().id());
        assertThat(fromBen.conversation().id()).isEqualTo(first.conversation().id());
        assertThat(first.conversation().kind()).isEqualTo(ConversationKind.DM);
        assertThat(first.peer().id()).isEqualTo(ben.userId());
        assertThat(fromBen.peer().id()).isEqualTo(ann.userId());
        assertThat(conversations.list(ann)).hasSize(1);
        assertThat(relayed).first().isInstanceOfSatisfying(Ephemeral.ConversationOpened.class, o -> {
            assertThat(o.conversation().id()).isEqualTo(first.conversation().id());
            assertThat(o.members()).extracting(User::id).containsExactly(ann.userId(), ben.userId());
        });
    }

    @Test
    void aDmWithYourselfIsRefused() {
        assertRefused(() -> conversations.openDm(ann, "ANN"), ErrorCode.INVALID_REQUEST);
        assertThat(conversations.list(ann)).isEmpty();
    }

    @Test
    void aDmWithAnUnknownUserIsNotFound() {
        assertRefused(() -> conversations.openDm(ann, "nobody"), ErrorCode.NOT_FOUND);
    }

    @Test
    void aDmCannotBeLeftNorJoinedNorModerated() {
        long dm = conversations.openDm(ann, "ben").conversation().id();

        assertRefused(() -> conversations.leave(ann, dm), ErrorCode.FORBIDDEN);
        assertRefused(() -> conversations.join(cat, dm), ErrorCode.NOT_FOUND);
        assertRefused(() -> conversations.addMember(ann, dm, cat.userId()), ErrorCode.NOT_FOUND);
    }

    @Test
    void anyoneMayJoinAPublicChannelOnce() {
        long id = channel(ann, Visibility.PUBLIC);
        relayed.clear();

        conversations.join(ben, id);
        conversations.join(ben, id);

        assertThat(conversations.members(ben, id, null, 10).items()).extracting(User::id)
                .containsExactly(ann.userId(), ben.userId());
        assertThat(relayed).singleElement().isInstanceOfSatisfying(LogEvent.MemberAdded.class, a -> {
            assertThat(a.conversationId()).isEqualTo(id);
            assertThat(a.seq()).isEqualTo(1);
            assertThat(a.at()).isEqualTo(clock.instant());
            assertThat(a.member().id()).isEqualTo(ben.userId());
        });
    }

    @Test
    void joiningAPrivateChannelIsNotFound() {
        long id = channel(ann, Visibility.PRIVATE);

        assertRefused(() -> conversations.join(ben, id), ErrorCode.NOT_FOUND);
        assertRefused(() -> conversations.get(ben, id), ErrorCode.NOT_FOUND);
    }

    @Test
    void addingAnUnknownUserIsNotFound() {
        long id = channel(ann, Visibility.PRIVATE);

        assertRefused(() -> conversations.addMember(ann, id, 999L), ErrorCode.NOT_FOUND);
    }

    @Test
    void readMarkerMovesOnlyForwardAndStopsAtTheLastSeq() {
        long id = channel(ann, Visibility.PRIVATE, ben);
        for (int i = 0; i < 4; i++) {
            post(id, ann);
        }
        long lastSeq = conversations.get(ben, id).lastSeq();

        assertThat(conversations.markRead(ben, id, 3)).isTrue();
        assertThat(conversations.get(ben, id).lastReadSeq()).isEqualTo(3);
        assertThat(conversations.markRead(ben, id, 2)).isFalse();
        assertThat(conversations.get(ben, id).lastReadSeq()).isEqualTo(3);
        assertThat(conversations.markRead(ben, id, 1_000)).isTrue();
        assertThat(conversations.get(ben, id).lastReadSeq()).isEqualTo(lastSeq);
        assertThat(conversations.markRead(ben, id, 1_000)).isFalse();
        assertRefused(() -> conversations.markRead(ben, id, -1), ErrorCode.INVALID_REQUEST);
        assertThat(relayed).filteredOn(Ephemeral.ReadMarkerMoved.class::isInstance).containsExactly(
                new Ephemeral.ReadMarkerMoved(ben.userId(), id, 3, ben.sessionId()),
                new Ephemeral.ReadMarkerMoved(ben.userId(), id, lastSeq, ben.sessionId()));
    }

    @Test
    void unreadCountCountsOtherPeoplesMessagesAfterTheReadMarker() {
        long id = channel(ann, Visibility.PRIVATE, ben);
        post(id, ann);
        long second = post(id, ann);
        post(id, ben);
        post(id, ann);

        assertThat(conversations.get(ben, id).unreadCount()).isEqualTo(3);
        assertThat(conversations.get(ann, id).unreadCount()).isEqualTo(1);

        conversations.markRead(ben, id, second);

        assertThat(conversations.get(ben, id).unreadCount()).isEqualTo(1);
        assertThat(conversations.get(ben, id).lastMessage().authorId()).isEqualTo(ann.userId());
    }

    @Test
    void listShowsTheMostRecentlyActiveConversationFirst() {
        long oldest = channel(ann, Visibility.PRIVATE);
        clock.advance(Duration.ofMinutes(1));
        long untouched = channel(ann, Visibility.PRIVATE);
        clock.advance(Duration.ofMinutes(1));
        long dm = conversations.openDm(ann, "ben").conversation().id();
        clock.advance(Duration.ofMinutes(1));
        post(oldest, ann);

        assertThat(conversations.list(ann)).extracting(v -> v.conversation().id()).containsExactly(oldest, dm, untouched);
    }

    @Test
    void publicChannelsAreListedWithoutPrivateOnes() {
        long open = conversations.createChannel(ann, "open talk", null, Visibility.PUBLIC).conversation().id();
        conversations.createChannel(ann, "open secret", null, Visibility.PRIVATE);

        assertThat(conversations.publicChannels(ben, "OPEN", null, 10).items())
                .extracting(v -> v.conversation().id()).containsExactly(open);
    }
}
