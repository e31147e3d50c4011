package dev.parley.core.message;

import static dev.parley.core.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.NewUser;
import dev.parley.core.account.Principal;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.EventPublisher;
import dev.parley.core.event.Futures;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.RelayEvent;
import dev.parley.core.fakes.InMemoryAccountStore;
import dev.parley.core.fakes.InMemoryConversationStore;
import dev.parley.core.fakes.InMemoryMessageLog;
import dev.parley.core.fakes.MutableClock;
import dev.parley.core.fakes.RecordingRelay;
import dev.parley.core.id.Snowflake;
import dev.parley.core.ratelimit.LocalRateLimiter;
import dev.parley.core.ratelimit.RateLimitGate;
import dev.parley.core.ratelimit.RateLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageServiceTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final Snowflake ids = new Snowflake(clock, 1);
    private final InMemoryAccountStore accounts = new InMemoryAccountStore();
    private final RecordingRelay relay = new RecordingRelay();
    private final EventPublisher publisher = new EventPublisher(relay);
    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final InMemoryMessageLog log = new InMemoryMessageLog(store, publisher);
    private final List<RelayEvent> relayed = relay.events();
    private final ConversationService conversations;
    private final MessageService messages;

    private final Principal ann = user("ann");
    private final Principal ben = user("ben");
    private final Principal cat = user("cat");
    private final long room;

    MessageServiceTest() {
        conversations = new ConversationService(store, accounts, log, log, publisher, ids, clock);
        messages = new MessageService(log, conversations, accounts, log,
                new RateLimitGate(new LocalRateLimiter(clock)), RateLimits.defaults(), ids, clock);
        room = conversations.createChannel(ann, "room", null, Visibility.PRIVATE).conversation().id();
        conversations.addMember(ann, room, ben.userId());
        relayed.clear();
    }

    private Principal user(String name) {
        long id = ids.next();
        accounts.createUser(new NewUser(id, name, name, null, "x", clock.instant()));
        return new Principal(id, ids.next());
    }

    private Message send(Principal who, long conversationId, String content) {
        return Futures.await(messages.send(who, conversationId, content, null, null));
    }

    private int messageCount(long conversationId) {
        return log.after(conversationId, 0, 1_000).size();
    }

    @Test
    void aSentMessageTakesTheNextSeqAndIsRelayed() {
        long before = conversations.get(ann, room).lastSeq();

        Message sent = Futures.await(messages.send(ben, room, "hello", "n-1", null));

        assertThat(sent.seq()).isEqualTo(before + 1);
        assertThat(sent.authorId()).isEqualTo(ben.userId());
        assertThat(sent.content()).isEqualTo("hello");
        assertThat(sent.createdAt()).isEqualTo(clock.instant());
        assertThat(Snowflake.timestampMs(sent.id())).isEqualTo(clock.millis());
        assertThat(relayed).containsExactly(new LogEvent.MessagePosted(room, sent.seq(), clock.instant(), sent));
    }

    @Test
    void nonMembersCannotSendAndNothingIsStored() {
        assertRefused(() -> messages.send(cat, room, "let me in", null, null), ErrorCode.NOT_FOUND);
        assertThat(messageCount(room)).isZero();
    }

    @Test
    void repeatingANonceGivesBackTheOriginalAndStoresNothing() {
        Message first = Futures.await(messages.send(ann, room, "once", "nonce-1", null));

        Message again = Futures.await(messages.send(ann, room, "twice?", "nonce-1", null));

        assertThat(again).isEqualTo(first);
        assertThat(messageCount(room)).isEqualTo(1);
        assertThat(relayed).hasSize(1);
    }

    @Test
    void aResentNonceGetsTheOriginalBackEvenPastTheRateLimit() {
        Message original = Futures.await(messages.send(ann, room, "lost ack", "nonce-r", null));
        for (int i = 0; i < 9; i++) {
            send(ann, room, "message " + i);
        }
        assertRefused(() -> messages.send(ann, room, "new one", null, null), ErrorCode.RATE_LIMITED);

        Message resent = Futures.await(messages.send(ann, room, "lost ack", "nonce-r", null));

        assertThat(resent).isEqualTo(original);
        assertThat(messageCount(room)).isEqualTo(10);
    }

    @Test
    void emptyOrOverlongContentIsRefusedAndNothingIsStored() {
        assertRefused(() -> messages.send(ann, room, "  \n ", null, null), ErrorCode.CONTENT_EMPTY);
        assertRefused(() -> messages.send(ann, room, "x".repeat(10_001), null, null), ErrorCode.CONTENT_TOO_LONG);
        assertRefused(() -> messages.send(ann, room, "ok", "", null), ErrorCode.INVALID_REQUEST);
        assertThat(messageCount(room)).isZero();
        assertThat(relayed).isEmpty();
    }

    @Test
    void theEleventhSendInABurstIsRateLimitedWithRetryAfter() {
        for (int i = 0; i < 10; i++) {
            send(ann, room, "message " + i);
        }

        ParleyException refused = assertRefused(() -> messages.send(ann, room, "one too many", null, null),
                ErrorCode.RATE_LIMITED);

        assertThat(refused.retryAfterMs()).isEqualTo(1000L);
        assertThat(messageCount(room)).isEqualTo(10);
        assertThat(send(ben, room, "others are not limited").authorId()).isEqualTo(ben.userId());
        clock.advance(Duration.ofSeconds(1));
        assertThat(send(ann, room, "after a second").content()).isEqualTo("after a second");
    }

    @Test
    void refusedContentCostsNoToken() {
        for (int i = 0; i < 15; i++) {
            assertRefused(() -> messages.send(ann, room, " ", null, null), ErrorCode.CONTENT_EMPTY);
        }
        for (int i = 0; i < 10; i++) {
            send(ann, room, "message " + i);
        }
        assertThat(messageCount(room)).isEqualTo(10);
    }

    @Test
    void aRefusedReplyTargetCostsNoToken() {
        for (int i = 0; i < 15; i++) {
            assertRefused(() -> Futures.await(messages.send(ann, room, "re: ?", null, 12345L)), ErrorCode.INVALID_REPLY_TO);
        }
        for (int i = 0; i < 10; i++) {
            send(ann, room, "message " + i);
        }
        assertThat(messageCount(room)).isEqualTo(10);
    }

    @Test
    void repeatingADeliveredNonceGivesItsTokenBack() {
        Message original = Futures.await(messages.send(ann, room, "once", "nonce-t", null));
        for (int i = 0; i < 5; i++) {
            assertThat(Futures.await(messages.send(ann, room, "once", "nonce-t", null))).isEqualTo(original);
        }
        for (int i = 0; i < 9; i++) {
            send(ann, room, "message " + i);
        }

        assertThat(messageCount(room)).isEqualTo(10);
        assertRefused(() -> messages.send(ann, room, "one too many", null, null), ErrorCode.RATE_LIMITED);
    }

    @Test
    void aReplyMustPointAtAMessageOfTheSameConversation() {
        long dm = conversations.openDm(ann, "ben").conversation().id();
        Message inDm = send(ann, dm, "psst");
        Message inRoom = send(ann, room, "hello all");

        assertRefused(() -> Futures.await(messages.send(ben, room, "re: psst", null, inDm.id())), ErrorCode.INVALID_REPLY_TO);
        assertRefused(() -> Futures.await(messages.send(ben, room, "re: ?", null, 12345L)), ErrorCode.INVALID_REPLY_TO);
        Message reply = Futures.await(messages.send(ben, room, "hi ann", null, inRoom.id()));
        assertThat(reply.replyTo()).isEqualTo(inRoom.id());
        assertThat(messageCount(room)).isEqualTo(2);
    }

    @Test
    void theAuthorEditsTheirMessageKeepingItsSeq() {
        Message sent = send(ann, room, "teh");
        clock.advance(Duration.ofSeconds(5));

        Message edited = Futures.await(messages.edit(ann, room, sent.id(), "the"));

        assertThat(edited.content()).isEqualTo("the");
        assertThat(edited.seq()).isEqualTo(sent.seq());
        assertThat(edited.editedAt()).isEqualTo(clock.instant());
        assertThat(log.find(room, sent.id())).contains(edited);
        assertThat(relayed.get(relayed.size() - 1)).isInstanceOf(LogEvent.MessageEdited.class);
    }

    @Test
    void nobodyButTheAuthorMayEditEvenTheOwner() {
        Message sent = send(ben, room, "mine");

        assertRefused(() -> Futures.await(messages.edit(ann, room, sent.id(), "owner's now")), ErrorCode.FORBIDDEN);
        assertThat(log.find(room, sent.id()).orElseThrow().content()).isEqualTo("mine");
    }

    @Test
    void anEditIsValidatedLikeASend() {
        Message sent = send(ann, room, "text");

        assertRefused(() -> messages.edit(ann, room, sent.id(), " "), ErrorCode.CONTENT_EMPTY);
        assertRefused(() -> messages.edit(ann, room, sent.id(), "x".repeat(10_001)), ErrorCode.CONTENT_TOO_LONG);
    }

    @Test
    void theAuthorMayDeleteTheirMessage() {
        Message sent = send(ben, room, "oops");

        Futures.await(messages.delete(ben, room, sent.id()));

        Message deleted = log.find(room, sent.id()).orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.content()).isEmpty();
        assertThat(relayed.get(relayed.size() - 1))
                .isEqualTo(new LogEvent.MessageDeleted(room, sent.seq() + 1, clock.instant(), sent.id()));
    }

    @Test
    void theChannelOwnerMayDeleteAnyMessage() {
        Message sent = send(ben, room, "spam");

        Futures.await(messages.delete(ann, room, sent.id()));

        assertThat(log.find(room, sent.id()).orElseThrow().deleted()).isTrue();
    }

    @Test
    void otherMembersMayNotDeleteSomeoneElsesMessage() {
        conversations.addMember(ann, room, cat.userId());
        Message sent = send(ben, room, "mine");

        assertRefused(() -> Futures.await(messages.delete(cat, room, sent.id())), ErrorCode.FORBIDDEN);
        assertThat(log.find(room, sent.id()).orElseThrow().deleted()).isFalse();
    }

    @Test
    void inADmNeitherSideMayDeleteTheOthersMessage() {
        long dm = conversations.openDm(ann, "ben").conversation().id();
        Message sent = send(ben, dm, "mine");

        assertRefused(() -> Futures.await(messages.delete(ann, dm, sent.id())), ErrorCode.FORBIDDEN);
    }

    @Test
    void aDeletedMessageCanNeitherBeEditedNorDeletedAgain() {
        Message sent = send(ann, room, "gone soon");
        Futures.await(messages.delete(ann, room, sent.id()));
        long seq = conversations.get(ann, room).lastSeq();

        assertRefused(() -> Futures.await(messages.edit(ann, room, sent.id(), "back")), ErrorCode.NOT_FOUND);
        assertRefused(() -> Futures.await(messages.delete(ann, room, sent.id())), ErrorCode.NOT_FOUND);
        assertThat(conversations.get(ann, room).lastSeq()).isEqualTo(seq);
    }

    @Test
    void aMessageIsNotFoundThroughAnotherConversation() {
        long dm = conversations.openDm(ann, "ben").conversation().id();
        Message inDm = send(ann, dm, "psst");

        assertRefused(() -> Futures.await(messages.edit(ann, room, inDm.id(), "moved")), ErrorCode.NOT_FOUND);
        assertRefused(() -> Futures.await(messages.delete(ann, room, inDm.id())), ErrorCode.NOT_FOUND);
        assertThat(Futures.await(messages.edit(ann, dm, inDm.id(), "still here")).content()).isEqualTo("still here");
    }

    @Test
    void historyIsNewestFirstWithEachAuthorsProfileOnce() {
        for (int i = 1; i <= 5; i++) {
            send(i % 2 == 0 ? ben : ann, room, "m" + i);
        }

        HistoryPage page = messages.history(ben, room, null, null, 3L);

        assertThat(page.messages()).extracting(Message::content).containsExactly("m5", "m4", "m3");
        assertThat(page.hasMore()).isTrue();
        assertThat(page.users()).containsOnlyKeys(ann.userId(), ben.userId());
        assertThat(page.users().get(ann.userId()).username()).isEqualTo("ann");

        HistoryPage older = messages.history(ben, room, page.messages().get(2).seq(), null, 3L);
        assertThat(older.messages()).extracting(Message::content).containsExactly("m2", "m1");
        assertThat(older.hasMore()).isFalse();

        HistoryPage newer = messages.history(ben, room, null, older.messages().get(0).seq(), 2L);
        assertThat(newer.messages()).extracting(Message::content).containsExactly("m3", "m4");
        assertThat(newer.hasMore()).isTrue();
    }

    @Test
    void historyPagesHoldFiftyByDefaultAndOneHundredAtMost() {
        for (int i = 0; i < 101; i++) {
            send(i % 2 == 0 ? ann : ben, room, "m" + i);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(messages.history(ann, room, null, null, null).messages()).hasSize(MessageService.DEFAULT_PAGE);
        HistoryPage full = messages.history(ann, room, null, null, 100L);
        assertThat(full.messages()).hasSize(100);
        assertThat(full.hasMore()).isTrue();
        assertRefused(() -> messages.history(ann, room, null, null, 101L), ErrorCode.INVALID_REQUEST);
        assertRefused(() -> messages.history(ann, room, null, null, 0L), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void historyTakesBeforeOrAfterButNotBoth() {
        assertRefused(() -> messages.history(ann, room, 10L, 2L, 10L), ErrorCode.INVALID_REQUEST);
        assertRefused(() -> messages.history(ann, room, -1L, null, 10L), ErrorCode.INVALID_REQUEST);
        assertRefused(() -> messages.history(ann, room, null, -1L, 10L), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void nonMembersCannotReadHistory() {
        send(ann, room, "private");

        assertRefused(() -> messages.history(cat, room, null, null, 10L), ErrorCode.NOT_FOUND);
    }
}
