package dev.parley.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Refusals;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.fakes.InMemoryConversationStore;
import dev.parley.core.fakes.InMemoryMessageLog;
import dev.parley.core.fakes.MutableClock;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The single writer's rules, decided against the log's state at each entry's turn. */
class LogRulesTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final List<LogEvent> committed = new ArrayList<>();
    private final InMemoryMessageLog log = new InMemoryMessageLog(store, committed::addAll);
    private final User ann = user(1);
    private final User ben = user(2);
    private final User cat = user(3);
    private long nextId = 1_000;

    private static User user(long id) {
        return new User(id, "u" + id, "U" + id, null, "", Instant.EPOCH);
    }

    private long channel(User owner, Visibility visibility) {
        long id = nextId++;
        store.createChannel(new Conversation(id, ConversationKind.CHANNEL, "room", "", visibility, owner.id(), 1,
                clock.instant()));
        return id;
    }

    private Appended append(LogEntry entry) {
        return Futures.await(log.append(entry));
    }

    private void add(long channel, User member, User actor) {
        append(new LogEntry.AddMember(channel, member, actor.id(), clock.instant()));
    }

    private LogEntry.PostMessage post(long channel, User author) {
        return new LogEntry.PostMessage(channel, nextId++, author.id(), "hi", null, null, clock.instant());
    }

    @Test
    void anOwnerWhoLeftCanNoLongerAddMembers() {
        long room = channel(ann, Visibility.PRIVATE);
        add(room, ben, ann);
        append(new LogEntry.Leave(room, ann, clock.instant()));

        Refusals.assertRefused(() -> add(room, cat, ann), ErrorCode.NOT_FOUND);
        assertThat(store.isMember(room, cat.id())).isFalse();
        assertThat(store.find(room).orElseThrow().ownerId()).isEqualTo(ben.id());
    }

    @Test
    void aMemberWhoLeftCanNoLongerPostAndNothingOfTheirsFollowsTheirRemoval() {
        long room = channel(ann, Visibility.PUBLIC);
        append(new LogEntry.Join(room, ben, clock.instant()));
        append(new LogEntry.Leave(room, ben, clock.instant()));

        Refusals.assertRefused(() -> append(post(room, ben)), ErrorCode.NOT_FOUND);
        assertThat(committed.get(committed.size() - 1)).isInstanceOf(LogEvent.MemberRemoved.class);
    }

    @Test
    void anOwnerLeavingHandsOverBeforeLeavingSoOwnershipAlwaysRestsWithAMember() {
        long room = channel(ann, Visibility.PRIVATE);
        add(room, ben, ann);
        add(room, cat, ann);
        committed.clear();

        append(new LogEntry.Leave(room, ann, clock.instant()));

        assertThat(committed).hasSize(2);
        LogEvent.ConversationChanged handOver = (LogEvent.ConversationChanged) committed.get(0);
        LogEvent.MemberRemoved left = (LogEvent.MemberRemoved) committed.get(1);
        assertThat(handOver.conversation().ownerId()).isEqualTo(ben.id());
        assertThat(handOver.conversation().memberCount()).isEqualTo(3);
        assertThat(left.seq()).isEqualTo(handOver.seq() + 1);
        assertThat(left.conversation().ownerId()).isEqualTo(ben.id());
        assertThat(left.conversation().memberCount()).isEqualTo(2);
    }

    @Test
    void theLastMemberLeavingDeletesTheChannelWhoeverElseLeftFirst() {
        long room = channel(ann, Visibility.PUBLIC);
        append(new LogEntry.Join(room, ben, clock.instant()));
        append(new LogEntry.Leave(room, ben, clock.instant()));
        committed.clear();

        append(new LogEntry.Leave(room, ann, clock.instant()));

        assertThat(committed).singleElement().isInstanceOf(LogEvent.ConversationRemoved.class);
        assertThat(store.find(room)).isEmpty();
        Refusals.assertRefused(() -> append(new LogEntry.Leave(room, ben, clock.instant())),
                ErrorCode.NOT_FOUND);
    }

    @Test
    void addingSomeoneWhoIsAlreadyAMemberChangesNothing() {
        long room = channel(ann, Visibility.PUBLIC);
        append(new LogEntry.Join(room, ben, clock.instant()));
        committed.clear();

        assertThat(append(new LogEntry.AddMember(room, ben, ann.id(), clock.instant()))).isEqualTo(Appended.UNCHANGED);
        assertThat(append(new LogEntry.Join(room, ben, clock.instant()))).isEqualTo(Appended.UNCHANGED);
        assertThat(committed).isEmpty();
    }

    @Test
    void aNewMemberHasReadUpToTheirJoining() {
        long room = channel(ann, Visibility.PUBLIC);
        append(post(room, ann));
        append(post(room, ann));

        append(new LogEntry.Join(room, ben, clock.instant()));

        assertThat(store.membership(room, ben.id()).orElseThrow().lastReadSeq()).isEqualTo(3);
        LogEvent.MemberAdded added = (LogEvent.MemberAdded) committed.get(committed.size() - 1);
        assertThat(added.conversation().memberCount()).isEqualTo(2);
        assertThat(added.member()).isEqualTo(ben);
    }

    @Test
    void onlyTheAuthorEditsAndTheAuthorOrOwnerDeletesAMessageThatStillExists() {
        long room = channel(ann, Visibility.PUBLIC);
        append(new LogEntry.Join(room, ben, clock.instant()));
        append(new LogEntry.Join(room, cat, clock.instant()));
        long message = ((LogEvent.MessagePosted) append(post(room, ben)).event()).message().id();

        Refusals.assertRefused(() -> append(new LogEntry.EditMessage(room, message, ann.id(), "x", clock.instant())),
                ErrorCode.FORBIDDEN);
        Refusals.assertRefused(() -> append(new LogEntry.DeleteMessage(room, message, cat.id(), clock.instant())),
                ErrorCode.FORBIDDEN);
        append(new LogEntry.DeleteMessage(room, message, ann.id(), clock.instant()));
        Refusals.assertRefused(() -> append(new LogEntry.DeleteMessage(room, message, ben.id(), clock.instant())),
                ErrorCode.NOT_FOUND);
        Refusals.assertRefused(() -> append(new LogEntry.EditMessage(room, message, ben.id(), "x", clock.instant())),
                ErrorCode.NOT_FOUND);
    }

    @Test
    void aBanRemovesTheMemberAndTheWriterRefusesTheirJoinAndTheirAddUntilUnbanned() {
        long room = channel(ann, Visibility.PUBLIC);
        append(new LogEntry.Join(room, ben, clock.instant()));

        LogEvent removed = append(new LogEntry.Ban(room, ben, ann.id(), clock.instant())).event();

        assertThat(removed).isInstanceOf(LogEvent.MemberRemoved.class);
        assertThat(store.isMember(room, ben.id())).isFalse();
        Refusals.assertRefused(() -> append(new LogEntry.Join(room, ben, clock.instant())), ErrorCode.FORBIDDEN);
        Refusals.assertRefused(() -> add(room, ben, ann), ErrorCode.FORBIDDEN);
        append(new LogEntry.Unban(room, ben.id(), ann.id(), clock.instant()));
        assertThat(append(new LogEntry.Join(room, ben, clock.instant())).event()).isInstanceOf(LogEvent.MemberAdded.class);
    }

    @Test
    void onlyTheOwnerBansAndAPrivateChannelStaysHiddenFromABannedStranger() {
        long room = channel(ann, Visibility.PRIVATE);
        add(room, ben, ann);

        Refusals.assertRefused(() -> append(new LogEntry.Ban(room, cat, ben.id(), clock.instant())), ErrorCode.FORBIDDEN);
        Refusals.assertRefused(() -> append(new LogEntry.Ban(room, ann, ann.id(), clock.instant())), ErrorCode.INVALID_REQUEST);
        Appended banned = append(new LogEntry.Ban(room, cat, ann.id(), clock.instant()));

        assertThat(banned.event()).as("not a member: no event, only the ban").isNull();
        assertThat(store.bannedUsers(room)).containsExactly(cat.id());
        Refusals.assertRefused(() -> append(new LogEntry.Join(room, cat, clock.instant())), ErrorCode.NOT_FOUND);
    }

    @Test
    void theWriterKeepsMembersNamedAtTheEntrysTurnAndEveryoneOnlyFromThoseAllowed() {
        long room = channel(ann, Visibility.PRIVATE);
        add(room, ben, ann);
        Mentions asked = new Mentions(List.of(ben.id(), cat.id()), true, true);
        append(new LogEntry.RemoveMember(room, ben, ann.id(), clock.instant()));
        add(room, cat, ann);

        Message byOwner = posted(new LogEntry.PostMessage(room, nextId++, ann.id(), "x", null, null, clock.instant(), asked));
        Message byMember = posted(new LogEntry.PostMessage(room, nextId++, cat.id(), "x", null, null, clock.instant(), asked));
        append(new LogEntry.ChangeConversation(room, ann.id(), null, null, true, clock.instant()));
        Message allowed = posted(new LogEntry.PostMessage(room, nextId++, cat.id(), "x", null, null, clock.instant(), asked));

        assertThat(byOwner.mentions()).isEqualTo(new Mentions(List.of(cat.id()), true, true));
        assertThat(byMember.mentions()).isEqualTo(new Mentions(List.of(cat.id()), false, false));
        assertThat(allowed.mentions()).isEqualTo(new Mentions(List.of(cat.id()), true, true));
        Refusals.assertRefused(() -> append(new LogEntry.ChangeConversation(room, cat.id(), null, null, false,
                clock.instant())), ErrorCode.FORBIDDEN);
    }

    private Message posted(LogEntry.PostMessage entry) {
        return ((LogEvent.MessagePosted) append(entry).event()).message();
    }
}
