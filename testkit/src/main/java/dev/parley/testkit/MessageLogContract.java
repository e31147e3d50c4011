package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogPosition;
import dev.parley.core.event.MessageLog;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageLog} must do, read back through the {@link MessageStore} that serves what it wrote.
 * Subclass once per adapter and return both from {@link #newStores()}; the contract closes the log and then
 * {@link Stores#resources()} after each test. Conversation and message ids are fresh per test, so the backend
 * need not be empty.
 */
public abstract class MessageLogContract {
    private static final long WAIT_SECONDS = 30;

    /** A log, the store that reads it, and whatever else must be closed after the log (a database, a client). */
    public record Stores(MessageLog log, MessageStore messages, AutoCloseable resources) {
    }

    /** A log and its store for one test. */
    protected abstract Stores newStores();

    private Stores stores;
    private MessageLog log;
    private MessageStore messages;
    private boolean logClosed;
    private Instant clock = UniqueIds.nowMillis();

    @BeforeEach
    void openStores() {
        stores = newStores();
        log = stores.log();
        messages = stores.messages();
    }

    @AfterEach
    void closeStores() throws Exception {
        if (!logClosed) {
            log.close();
        }
        stores.resources().close();
    }

    private synchronized Instant tick() {
        clock = clock.plusMillis(1000);
        return clock;
    }

    private LogEntry.PostMessage post(long conversationId, long authorId, String content, String nonce) {
        return new LogEntry.PostMessage(conversationId, UniqueIds.next(), authorId, content, nonce, null, tick());
    }

    private LogEntry.PostMessage post(long conversationId, long authorId) {
        return post(conversationId, authorId, "message " + UniqueIds.next(), null);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("append failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("append did not complete in " + WAIT_SECONDS + " s", e);
        }
    }

    private Appended append(LogEntry entry) {
        return await(log.append(entry));
    }

    private LogEvent event(LogEntry entry) {
        Appended appended = append(entry);
        assertThat(appended.duplicate()).isFalse();
        return appended.event();
    }

    private Message posted(LogEntry.PostMessage entry) {
        return ((LogEvent.MessagePosted) event(entry)).message();
    }

    private static ErrorCode refusal(CompletableFuture<Appended> future) {
        try {
            Appended appended = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return fail("expected a refusal but the log appended %s", appended);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ParleyException.class);
            return ((ParleyException) e.getCause()).code();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("append did not complete in " + WAIT_SECONDS + " s", e);
        }
    }

    private static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    private List<Long> seqsInStore(long conversationId) {
        return messages.eventsAfter(conversationId, 0, 100_000).stream().map(LogEvent::seq).toList();
    }

    // ---- seq assignment

    @Test
    void seqsStartAtOneAndStayDenseAcrossEveryKindOfEvent() {
        long c = UniqueIds.next();
        long author = UniqueIds.next();
        Message first = posted(post(c, author));

        List<LogEvent> events = List.of(
                event(new LogEntry.AddMember(c, UniqueIds.next(), tick())),
                event(new LogEntry.EditMessage(c, first.id(), "edited", tick())),
                event(new LogEntry.RemoveMember(c, UniqueIds.next(), tick())),
                event(new LogEntry.DeleteMessage(c, first.id(), tick())),
                event(new LogEntry.ChangeConversation(c, tick())),
                event(post(c, author)),
                event(new LogEntry.RemoveConversation(c, tick())));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(events).extracting(LogEvent::seq).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(events).extracting(LogEvent::conversationId).containsOnly(c);
    }

    @Test
    void eachConversationCountsItsOwnSeqs() {
        long a = UniqueIds.next();
        long b = UniqueIds.next();
        long author = UniqueIds.next();

        assertThat(event(post(a, author)).seq()).isEqualTo(1);
        assertThat(event(post(b, author)).seq()).isEqualTo(1);
        assertThat(event(post(a, author)).seq()).isEqualTo(2);
        assertThat(event(new LogEntry.AddMember(b, author, tick())).seq()).isEqualTo(2);
        assertThat(event(post(a, author)).seq()).isEqualTo(3);
    }

    @Test
    void seqsStayDenseUnderManyConcurrentAppendersAcrossConversations() throws Exception {
        int threads = 8;
        int perThread = 200;
        List<Long> conversations = List.of(UniqueIds.next(), UniqueIds.next(), UniqueIds.next(), UniqueIds.next());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Appended>> appends = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long author = UniqueIds.next();
                int offset = t;
                senders.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        long c = conversations.get((i + offset) % conversations.size());
                        LogEntry entry = i % 5 == 4
                                ? new LogEntry.AddMember(c, UniqueIds.next(), tick())
                                : post(c, author, "from " + author + " #" + i, null);
                        appends.add(log.append(entry));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> sender : senders) {
                sender.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<Long, List<LogEvent>> byConversation = new ConcurrentHashMap<>();
        for (CompletableFuture<Appended> append : appends) {
            Appended appended = await(append);
            assertThat(appended.duplicate()).isFalse();
            byConversation.computeIfAbsent(appended.event().conversationId(), k -> new ArrayList<>()).add(appended.event());
        }
        int perConversation = threads * perThread / conversations.size();
        assertThat(byConversation).containsOnlyKeys(conversations);
        for (long c : conversations) {
            List<LogEvent> acknowledged = new ArrayList<>(byConversation.get(c));
            acknowledged.sort(Comparator.comparingLong(LogEvent::seq));
            assertThat(acknowledged).extracting(LogEvent::seq).containsExactlyElementsOf(oneTo(perConversation));
            assertThat(messages.eventsAfter(c, 0, perConversation + 10)).containsExactlyElementsOf(acknowledged);
            assertThat(messages.position(c).lastSeq()).isEqualTo(perConversation);
        }
    }

    @Test
    void futuresOfOneConversationCompleteInSeqOrder() {
        long a = UniqueIds.next();
        long b = UniqueIds.next();
        long author = UniqueIds.next();
        Map<Long, List<Long>> completed = new ConcurrentHashMap<>();
        completed.put(a, Collections.synchronizedList(new ArrayList<>()));
        completed.put(b, Collections.synchronizedList(new ArrayList<>()));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long c = i % 3 == 0 ? b : a;
            all.add(log.append(post(c, author))
                    .thenAccept(appended -> completed.get(c).add(appended.event().seq())));
        }

        await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));

        assertThat(completed.get(a)).containsExactlyElementsOf(oneTo(200));
        assertThat(completed.get(b)).containsExactlyElementsOf(oneTo(100));
    }

    // ---- nonces

    @Test
    void repeatingANonceGivesBackTheOriginalMessageAndTakesNoSeq() {
        long c = UniqueIds.next();
        long author = UniqueIds.next();
        Message original = posted(post(c, author, "first try", "nonce-1"));
        event(new LogEntry.AddMember(c, UniqueIds.next(), tick()));

        Appended again = append(post(c, author, "second try", "nonce-1"));

        assertThat(again.duplicate()).isTrue();
        assertThat(again.event()).isInstanceOf(LogEvent.MessagePosted.class);
        assertThat(again.event().seq()).isEqualTo(original.seq());
        assertThat(((LogEvent.MessagePosted) again.event()).message()).isEqualTo(original);
        assertThat(messages.position(c).lastSeq()).isEqualTo(2);
        assertThat(messages.after(c, 0, 10)).containsExactly(original);
        assertThat(event(post(c, author)).seq()).isEqualTo(3);
    }

    @Test
    void theSameNonceFromAnotherAuthorOrInAnotherConversationIsANewMessage() {
        long c = UniqueIds.next();
        long other = UniqueIds.next();
        long alice = UniqueIds.next();
        long bob = UniqueIds.next();
        Message fromAlice = posted(post(c, alice, "hi", "shared"));

        Message fromBob = posted(post(c, bob, "hi", "shared"));
        Message elsewhere = posted(post(other, alice, "hi", "shared"));

        assertThat(fromBob.id()).isNotEqualTo(fromAlice.id());
        assertThat(fromBob.seq()).isEqualTo(2);
        assertThat(elsewhere.seq()).isEqualTo(1);
        assertThat(messages.after(c, 0, 10)).containsExactly(fromAlice, fromBob);
    }

    @Test
    void findByNonceFindsOnlyThatAuthorsMessageInThatConversation() {
        long c = UniqueIds.next();
        long author = UniqueIds.next();
        Message sent = posted(post(c, author, "hello", "nonce-f"));
        posted(post(c, author, "other", "nonce-g"));

        assertThat(messages.findByNonce(c, author, "nonce-f")).contains(sent);
        assertThat(messages.findByNonce(c, UniqueIds.next(), "nonce-f")).isEmpty();
        assertThat(messages.findByNonce(UniqueIds.next(), author, "nonce-f")).isEmpty();
        assertThat(messages.findByNonce(c, author, "nonce-h")).isEmpty();
    }

    @Test
    void postsWithoutANonceAreNeverTakenForRepeats() {
        long c = UniqueIds.next();
        long author = UniqueIds.next();

        posted(post(c, author, "same words", null));
        posted(post(c, author, "same words", null));

        assertThat(messages.after(c, 0, 10)).hasSize(2);
    }

    @Test
    void aNonceRepeatedBackToBackWithoutWaitingMakesOneMessage() {
        long c = UniqueIds.next();
        long author = UniqueIds.next();
        List<CompletableFuture<Appended>> tries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tries.add(log.append(post(c, author, "try " + i, "nonce-b2b")));
        }

        List<Appended> answers = tries.stream().map(MessageLogContract::await).toList();

        assertThat(answers).filteredOn(a -> !a.duplicate()).hasSize(1);
        assertThat(answers).extracting(a -> ((LogEvent.MessagePosted) a.event()).message().id()).containsOnly(
                ((LogEvent.MessagePosted) answers.get(0).event()).message().id());
        assertThat(messages.after(c, 0, 10)).extracting(Message::content).containsExactly("try 0");
        assertThat(messages.position(c).lastSeq()).isEqualTo(1);
    }

    @Test
    void concurrentPostsOfOneNonceMakeOneMessage() throws Exception {
        long c = UniqueIds.next();
        long author = UniqueIds.next();
        int rounds = 10;
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < rounds; round++) {
                String nonce = "race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<CompletableFuture<Appended>>> submitted = new ArrayList<>();
                for (int r = 0; r < racers; r++) {
                    submitted.add(pool.submit(() -> {
                        start.await();
                        return log.append(post(c, author, "racing " + nonce, nonce));
                    }));
                }
                start.countDown();
                List<Appended> answers = new ArrayList<>();
                for (Future<CompletableFuture<Appended>> f : submitted) {
                    answers.add(await(f.get(WAIT_SECONDS, TimeUnit.SECONDS)));
                }
                assertThat(answers).as("round %d", round).filteredOn(a -> !a.duplicate()).hasSize(1);
                assertThat(answers).extracting(a -> a.event().seq()).as("round %d", round).containsOnly(round + 1L);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(messages.after(c, 0, 100)).extracting(Message::nonce)
                .containsExactlyElementsOf(LongStream.range(0, rounds).mapToObj(i -> "race-" + i).toList());
        assertThat(messages.position(c).lastSeq()).isEqualTo(rounds);
    }

    // ---- edits and deletions

    @Test
    void aPostedMessageIsStoredExactlyAsAcknowledged() {
        long c = UniqueIds.next();
        long author = UniqueIds.next();
        Message target = posted(post(c, author));
        LogEntry.PostMessage entry = new LogEntry.PostMessage(c, UniqueIds.next(), author, "re: \uD83D\uDC0D ünïcode",
                "nonce-x", target.id(), tick());

        Message reply = posted(entry);

        assertThat(reply).isEqualTo(new Message(entry.messageId(), c, 2, author, entry.content(), entry.at(), null, false,
                target.id(), "nonce-x"));
        assertThat(messages.find(c, reply.id())).contains(reply);
    }

    @Test
    void aMessageIsNotFoundThroughAnotherConversation() {
        long c = UniqueIds.next();
        Message message = posted(post(c, UniqueIds.next()));

        assertThat(messages.find(UniqueIds.next(), message.id())).isEmpty();
        assertThat(messages.find(c, UniqueIds.next())).isEmpty();
    }

    @Test
    void anEditChangesTheContentAndKeepsTheMessagesSeq() {
        long c = UniqueIds.next();
        Message original = posted(post(c, UniqueIds.next()));
        LogEntry.EditMessage edit = new LogEntry.EditMessage(c, original.id(), "fixed typo", tick());

        LogEvent event = event(edit);

        Message edited = new Message(original.id(), c, original.seq(), original.authorId(), "fixed typo",
                original.createdAt(), edit.at(), false, original.replyTo(), original.nonce());
        assertThat(event).isEqualTo(new LogEvent.MessageEdited(c, 2, edit.at(), edited));
        assertThat(messages.find(c, original.id())).contains(edited);
    }

    @Test
    void aDeletionEmptiesTheMessageButKeepsItsIdAndSeq() {
        long c = UniqueIds.next();
        Message original = posted(post(c, UniqueIds.next()));
        LogEntry.DeleteMessage delete = new LogEntry.DeleteMessage(c, original.id(), tick());

        LogEvent event = event(delete);

        assertThat(event).isEqualTo(new LogEvent.MessageDeleted(c, 2, delete.at(), original.id()));
        Message deleted = messages.find(c, original.id()).orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.content()).isEmpty();
        assertThat(deleted.seq()).isEqualTo(original.seq());
        assertThat(deleted.authorId()).isEqualTo(original.authorId());
    }

    @Test
    void editingOrDeletingAMissingMessageFailsWithNotFoundAndTakesNoSeq() {
        long c = UniqueIds.next();
        posted(post(c, UniqueIds.next()));

        assertThat(refusal(log.append(new LogEntry.EditMessage(c, UniqueIds.next(), "x", tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(log.append(new LogEntry.DeleteMessage(c, UniqueIds.next(), tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(messages.position(c).lastSeq()).isEqualTo(1);
        assertThat(event(post(c, UniqueIds.next())).seq()).isEqualTo(2);
        assertThat(seqsInStore(c)).containsExactly(1L, 2L);
    }

    @Test
    void editingOrDeletingADeletedMessageFailsWithNotFoundAndTakesNoSeq() {
        long c = UniqueIds.next();
        Message message = posted(post(c, UniqueIds.next()));
        event(new LogEntry.DeleteMessage(c, message.id(), tick()));

        assertThat(refusal(log.append(new LogEntry.EditMessage(c, message.id(), "back", tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(log.append(new LogEntry.DeleteMessage(c, message.id(), tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(messages.find(c, message.id()).orElseThrow().content()).isEmpty();
        assertThat(event(new LogEntry.ChangeConversation(c, tick())).seq()).isEqualTo(3);
    }

    @Test
    void aMessageCannotBeEditedOrDeletedThroughAnotherConversation() {
        long c = UniqueIds.next();
        long other = UniqueIds.next();
        Message message = posted(post(c, UniqueIds.next()));
        posted(post(other, UniqueIds.next()));

        assertThat(refusal(log.append(new LogEntry.EditMessage(other, message.id(), "hijack", tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(log.append(new LogEntry.DeleteMessage(other, message.id(), tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(messages.find(c, message.id())).contains(message);
        assertThat(messages.position(other).lastSeq()).isEqualTo(1);
    }

    @Test
    void entriesAppendedWithoutWaitingSeeTheOnesBeforeThem() {
        long c = UniqueIds.next();
        LogEntry.PostMessage entry = post(c, UniqueIds.next());
        CompletableFuture<Appended> posting = log.append(entry);
        CompletableFuture<Appended> editing = log.append(new LogEntry.EditMessage(c, entry.messageId(), "edited", tick()));
        CompletableFuture<Appended> deleting = log.append(new LogEntry.DeleteMessage(c, entry.messageId(), tick()));
        CompletableFuture<Appended> lateEdit = log.append(new LogEntry.EditMessage(c, entry.messageId(), "too late", tick()));
        CompletableFuture<Appended> next = log.append(new LogEntry.ChangeConversation(c, tick()));

        assertThat(await(posting).event().seq()).isEqualTo(1);
        assertThat(await(editing).event().seq()).isEqualTo(2);
        assertThat(await(deleting).event().seq()).isEqualTo(3);
        assertThat(refusal(lateEdit)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(await(next).event().seq()).isEqualTo(4);
        assertThat(messages.find(c, entry.messageId()).orElseThrow().deleted()).isTrue();
    }

    // ---- reading

    @Test
    void eventsAfterReplaysEveryKindInSeqOrderWithMessagesInTheirCurrentState() {
        long c = UniqueIds.next();
        long author = UniqueIds.next();
        long joiner = UniqueIds.next();
        Message kept = posted(post(c, author, "draft", null));
        Message removed = posted(post(c, author, "regret", null));
        LogEntry.EditMessage edit = new LogEntry.EditMessage(c, kept.id(), "final", tick());
        event(edit);
        LogEntry.DeleteMessage delete = new LogEntry.DeleteMessage(c, removed.id(), tick());
        event(delete);
        LogEntry.AddMember add = new LogEntry.AddMember(c, joiner, tick());
        event(add);
        LogEntry.RemoveMember remove = new LogEntry.RemoveMember(c, joiner, tick());
        event(remove);
        LogEntry.ChangeConversation change = new LogEntry.ChangeConversation(c, tick());
        event(change);
        LogEntry.RemoveConversation end = new LogEntry.RemoveConversation(c, tick());
        event(end);

        Message keptNow = messages.find(c, kept.id()).orElseThrow();
        Message removedNow = messages.find(c, removed.id()).orElseThrow();
        assertThat(keptNow.content()).isEqualTo("final");
        assertThat(removedNow.deleted()).isTrue();
        assertThat(messages.eventsAfter(c, 0, 100)).containsExactly(
                new LogEvent.MessagePosted(c, 1, kept.createdAt(), keptNow),
                new LogEvent.MessagePosted(c, 2, removed.createdAt(), removedNow),
                new LogEvent.MessageEdited(c, 3, edit.at(), keptNow),
                new LogEvent.MessageDeleted(c, 4, delete.at(), removed.id()),
                new LogEvent.MemberAdded(c, 5, add.at(), joiner),
                new LogEvent.MemberRemoved(c, 6, remove.at(), joiner),
                new LogEvent.ConversationChanged(c, 7, change.at()),
                new LogEvent.ConversationRemoved(c, 8, end.at()));
    }

    @Test
    void eventsAfterStartsAfterTheCursorAndStopsAtTheLimit() {
        long c = UniqueIds.next();
        for (int i = 0; i < 10; i++) {
            event(i % 2 == 0 ? post(c, UniqueIds.next()) : new LogEntry.AddMember(c, UniqueIds.next(), tick()));
        }

        assertThat(messages.eventsAfter(c, 3, 4)).extracting(LogEvent::seq).containsExactly(4L, 5L, 6L, 7L);
        assertThat(messages.eventsAfter(c, 8, 100)).extracting(LogEvent::seq).containsExactly(9L, 10L);
        assertThat(messages.eventsAfter(c, 10, 100)).isEmpty();
        assertThat(messages.eventsAfter(UniqueIds.next(), 0, 100)).isEmpty();
    }

    @Test
    void historyPagesBackwardNewestFirstAndForwardOldestFirst() {
        long c = UniqueIds.next();
        long author = UniqueIds.next();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(posted(post(c, author)));
            event(new LogEntry.AddMember(c, UniqueIds.next(), tick()));
        }
        event(new LogEntry.DeleteMessage(c, sent.get(2).id(), tick()));
        Message deletedNow = messages.find(c, sent.get(2).id()).orElseThrow();
        sent.set(2, deletedNow);

        assertThat(messages.before(c, null, 2)).containsExactly(sent.get(5), sent.get(4));
        assertThat(messages.before(c, sent.get(4).seq(), 3)).containsExactly(sent.get(3), sent.get(2), sent.get(1));
        assertThat(messages.before(c, sent.get(1).seq(), 10)).containsExactly(sent.get(0));
        assertThat(messages.before(c, sent.get(0).seq(), 10)).isEmpty();
        assertThat(messages.after(c, 0, 2)).containsExactly(sent.get(0), sent.get(1));
        assertThat(messages.after(c, sent.get(1).seq(), 3)).containsExactly(sent.get(2), sent.get(3), sent.get(4));
        assertThat(messages.after(c, sent.get(1).seq() + 1, 10)).containsExactly(sent.get(2), sent.get(3), sent.get(4),
                sent.get(5));
        assertThat(messages.after(c, sent.get(5).seq(), 10)).isEmpty();
        assertThat(messages.before(UniqueIds.next(), null, 10)).isEmpty();
    }

    @Test
    void positionIsTheLastSeqAndTheTimeOfItsEvent() {
        long c = UniqueIds.next();
        assertThat(messages.position(c)).isEqualTo(LogPosition.EMPTY);

        posted(post(c, UniqueIds.next()));
        LogEntry.AddMember last = new LogEntry.AddMember(c, UniqueIds.next(), tick());
        event(last);

        assertThat(messages.position(c)).isEqualTo(new LogPosition(2, last.at()));
    }

    @Test
    void lastMessageIsTheNewestMessageInItsCurrentState() {
        long c = UniqueIds.next();
        long author = UniqueIds.next();
        assertThat(messages.lastMessage(c)).isEmpty();

        posted(post(c, author));
        Message newest = posted(post(c, author));
        event(new LogEntry.AddMember(c, UniqueIds.next(), tick()));
        assertThat(messages.lastMessage(c)).contains(newest);

        event(new LogEntry.EditMessage(c, newest.id(), "edited", tick()));
        assertThat(messages.lastMessage(c).orElseThrow().content()).isEqualTo("edited");
    }

    @Test
    void unreadCountsOtherPeoplesLiveMessagesAfterTheMarker() {
        long c = UniqueIds.next();
        long me = UniqueIds.next();
        long them = UniqueIds.next();
        Message early = posted(post(c, them));
        posted(post(c, me));
        Message gone = posted(post(c, them));
        event(new LogEntry.AddMember(c, UniqueIds.next(), tick()));
        posted(post(c, them));
        posted(post(c, me));
        event(new LogEntry.DeleteMessage(c, gone.id(), tick()));

        assertThat(messages.unreadCount(c, me, 0)).isEqualTo(2);
        assertThat(messages.unreadCount(c, me, early.seq())).isEqualTo(1);
        assertThat(messages.unreadCount(c, them, 0)).isEqualTo(2);
        assertThat(messages.unreadCount(c, me, messages.position(c).lastSeq())).isZero();
    }

    // ---- shutting down

    @Test
    void closingFinishesEveryAppendAlreadyTaken() {
        long c = UniqueIds.next();
        long author = UniqueIds.next();
        List<CompletableFuture<Appended>> pending = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pending.add(log.append(post(c, author)));
        }

        log.close();
        logClosed = true;

        assertThat(pending).extracting(f -> await(f).event().seq()).containsExactlyElementsOf(oneTo(200));
        assertThat(messages.position(c).lastSeq()).isEqualTo(200);
    }

    @Test
    void appendingAfterCloseFailsAsUnavailable() {
        log.close();
        logClosed = true;

        assertThat(refusal(log.append(post(UniqueIds.next(), UniqueIds.next())))).isEqualTo(ErrorCode.UNAVAILABLE);
    }
}
