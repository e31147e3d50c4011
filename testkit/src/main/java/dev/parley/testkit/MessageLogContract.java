package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.parley.core.account.NewUser;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Membership;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogListener;
import dev.parley.core.event.LogPosition;
import dev.parley.core.event.MessageLog;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * What every {@link MessageLog} must do, read back through the {@link MessageStore} that serves what it wrote
 * and the conversation store whose memberships and channels its writer changes. Subclass once per adapter and
 * open the backend in {@link #newBackend}; the contract closes the log and then {@link Backend#resources()} after
 * each test. Users, conversations and messages are fresh per test, so the backend need not be empty.
 */
public abstract class MessageLogContract {
    private static final long WAIT_SECONDS = 30;

    /** The stores for one test, with a log that tells {@code listener} what it commits. */
    protected abstract Backend newBackend(LogListener listener);

    private Backend backend;
    private MessageLog log;
    private MessageStore messages;
    private boolean logClosed;
    private Instant clock = UniqueIds.nowMillis();
    private final List<LogEvent> committed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openStores() {
        backend = newBackend(committed::addAll);
        log = backend.log();
        messages = backend.messages();
    }

    @AfterEach
    void closeStores() throws Exception {
        if (!logClosed) {
            log.close();
        }
        backend.resources().close();
    }

    private synchronized Instant tick() {
        clock = clock.plusMillis(1000);
        return clock;
    }

    private long author() {
        return backend.user().id();
    }

    private User user(long id) {
        return backend.accounts().findUser(id).orElseThrow();
    }

    /** A channel of which {@code owner} is the only member: no event yet. */
    private long room(long owner) {
        return backend.channel(user(owner), UniqueIds.name("room"), Visibility.PRIVATE, tick()).id();
    }

    private long room() {
        return room(author());
    }

    private long ownerOf(long conversationId) {
        return backend.conversations().find(conversationId).orElseThrow().ownerId();
    }

    /** A DM of two users: both members, no event. */
    private long dm(long a, long b) {
        return backend.conversations().findOrCreateDm(UniqueIds.next(), a, b, tick()).id();
    }

    private LogEntry.AddMember add(long conversationId, long userId) {
        return new LogEntry.AddMember(conversationId, user(userId), ownerOf(conversationId), tick());
    }

    /** An entry adding a new user, by the channel's owner. */
    private LogEntry.AddMember addSomeone(long conversationId) {
        return add(conversationId, author());
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
        long author = author();
        long c = room(author);
        long joiner = author();
        Message first = posted(post(c, author));

        List<LogEvent> events = List.of(
                event(add(c, joiner)),
                event(new LogEntry.EditMessage(c, first.id(), author, "edited", tick())),
                event(new LogEntry.RemoveMember(c, user(joiner), author, tick())),
                event(new LogEntry.DeleteMessage(c, first.id(), author, tick())),
                event(new LogEntry.ChangeConversation(c, author, "renamed", null, tick())),
                event(post(c, author)),
                event(new LogEntry.RemoveConversation(c, author, tick())));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(events).extracting(LogEvent::seq).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(events).extracting(LogEvent::conversationId).containsOnly(c);
    }

    @Test
    void eachConversationCountsItsOwnSeqs() {
        long author = author();
        long a = room(author);
        long b = room(author);

        assertThat(event(post(a, author)).seq()).isEqualTo(1);
        assertThat(event(post(b, author)).seq()).isEqualTo(1);
        assertThat(event(post(a, author)).seq()).isEqualTo(2);
        assertThat(event(addSomeone(b)).seq()).isEqualTo(2);
        assertThat(event(post(a, author)).seq()).isEqualTo(3);
    }

    @Test
    void seqsStayDenseUnderManyConcurrentAppendersAcrossConversations() throws Exception {
        int threads = 8;
        int perThread = 200;
        long owner = author();
        List<Long> conversations = List.of(room(owner), room(owner), room(owner), room(owner));
        List<Long> authors = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long author = author();
            authors.add(author);
            conversations.forEach(c -> event(add(c, author)));
        }
        long base = threads;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Appended>> appends = Collections.synchronizedList(new ArrayList<>());
        List<LogEntry.AddMember> additions = new ArrayList<>();
        for (int i = 0; i < threads * perThread / 5; i++) {
            additions.add(addSomeone(conversations.get(0)));
        }
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long author = authors.get(t);
                int offset = t;
                senders.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        long c = conversations.get((i + offset) % conversations.size());
                        LogEntry entry = i % 5 == 4
                                ? new LogEntry.AddMember(c, additions.get(offset * perThread / 5 + i / 5).member(), owner, tick())
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
            assertThat(acknowledged).extracting(LogEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(base + 1, base + perConversation).boxed().toList());
            assertThat(messages.eventsAfter(c, base, perConversation + 10)).containsExactlyElementsOf(acknowledged);
            assertThat(messages.position(c).lastSeq()).isEqualTo(base + perConversation);
        }
    }

    @Test
    void futuresOfOneConversationCompleteInSeqOrder() {
        long author = author();
        long a = room(author);
        long b = room(author);
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

    @Test
    void theWriterTellsItsListenerEveryCommittedEventInSeqOrderBeforeAnsweringTheAppend() {
        long author = author();
        long c = room(author);
        List<CompletableFuture<Appended>> appends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            appends.add(log.append(i % 10 == 9 ? addSomeone(c) : post(c, author)));
        }
        for (CompletableFuture<Appended> append : appends) {
            LogEvent event = await(append).event();
            assertThat(committed).as("told before the append was answered").contains(event);
        }

        assertThat(committed).filteredOn(e -> e.conversationId() == c).extracting(LogEvent::seq)
                .containsExactlyElementsOf(oneTo(50));
        assertThat(committed).filteredOn(e -> e.conversationId() == c)
                .containsExactlyElementsOf(appends.stream().map(f -> await(f).event()).toList());
    }

    @Test
    void refusedAndRepeatedEntriesAreNotTold() {
        long author = author();
        long c = room(author);
        posted(post(c, author, "once", "nonce-t"));
        append(post(c, author, "again", "nonce-t"));
        refusal(log.append(new LogEntry.EditMessage(c, UniqueIds.next(), author, "x", tick())));
        append(add(c, author));

        assertThat(committed).filteredOn(e -> e.conversationId() == c).hasSize(1);
    }

    // ---- who may append what: decided by the writer, at the entry's turn

    @Test
    void aNonMemberCannotPostAndTakesNoSeq() {
        long c = room();
        long stranger = author();

        assertThat(refusal(log.append(post(c, stranger)))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(log.append(post(UniqueIds.next(), stranger)))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(messages.position(c)).isEqualTo(LogPosition.EMPTY);
    }

    @Test
    void onlyTheOwnerAddsOrRemovesOthersRenamesOrDeletes() {
        long owner = author();
        long c = room(owner);
        long member = author();
        event(add(c, member));
        User outsider = user(author());

        assertThat(refusal(log.append(new LogEntry.AddMember(c, outsider, member, tick())))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(log.append(new LogEntry.RemoveMember(c, user(owner), member, tick()))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(log.append(new LogEntry.ChangeConversation(c, member, "mine", null, tick()))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(log.append(new LogEntry.RemoveConversation(c, member, tick())))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(log.append(new LogEntry.Join(c, outsider, tick()))))
                .as("a private channel cannot be joined").isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(messages.position(c).lastSeq()).isEqualTo(1);
    }

    @Test
    void anOwnerWhoLeftCanNoLongerAddMembersEvenInTheSameBatch() {
        long owner = author();
        long c = room(owner);
        long heir = author();
        event(add(c, heir));
        User late = user(author());

        CompletableFuture<Appended> leaving = log.append(new LogEntry.Leave(c, user(owner), tick()));
        CompletableFuture<Appended> adding = log.append(new LogEntry.AddMember(c, late, owner, tick()));

        await(leaving);
        assertThat(refusal(adding)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(backend.conversations().isMember(c, late.id())).isFalse();
        assertThat(messages.eventsAfter(c, 0, 100)).noneMatch(e -> e instanceof LogEvent.MemberAdded a && a.member().equals(late));
    }

    @Test
    void aBotsMemberEventReadBackFromTheLogStillSaysItIsABot() {
        long owner = author();
        long c = room(owner);
        long id = UniqueIds.next();
        backend.accounts().createUser(new NewUser(id, UniqueIds.name("bot"), "Build Bot", null, "", tick(), false, owner));
        User bot = user(id);
        assertThat(bot.bot()).isTrue();

        LogEvent.MemberAdded added = (LogEvent.MemberAdded) event(add(c, id));

        assertThat(added.member()).isEqualTo(bot);
        assertThat(messages.eventsAfter(c, added.seq() - 1, 10)).first()
                .satisfies(e -> assertThat(((LogEvent.MemberAdded) e).member()).isEqualTo(bot));
    }

    @Test
    void membershipAndChannelChangesAreWrittenWithTheirEvents() {
        long owner = author();
        long c = room(owner);
        long member = author();

        LogEvent.MemberAdded added = (LogEvent.MemberAdded) event(add(c, member));
        assertThat(backend.conversations().membership(c, member))
                .contains(new Membership(c, member, added.at(), added.seq()));
        assertThat(backend.conversations().find(c).orElseThrow().memberCount()).isEqualTo(2);
        assertThat(added.conversation()).isEqualTo(backend.conversations().find(c).orElseThrow());
        assertThat(added.member()).isEqualTo(user(member));

        LogEvent.ConversationChanged renamed = (LogEvent.ConversationChanged) event(
                new LogEntry.ChangeConversation(c, owner, "renamed", null, tick()));
        assertThat(backend.conversations().find(c).orElseThrow()).isEqualTo(renamed.conversation());
        assertThat(renamed.conversation()).extracting(Conversation::name, Conversation::topic)
                .containsExactly("renamed", "a topic");
        event(new LogEntry.ChangeConversation(c, owner, null, "", tick()));
        assertThat(backend.conversations().find(c).orElseThrow()).extracting(Conversation::name, Conversation::topic)
                .containsExactly("renamed", "");

        LogEvent.MemberRemoved removed = (LogEvent.MemberRemoved) event(
                new LogEntry.RemoveMember(c, user(member), owner, tick()));
        assertThat(backend.conversations().membership(c, member)).isEmpty();
        assertThat(backend.conversations().membershipsOf(member)).isEmpty();
        assertThat(removed.conversation().memberCount()).isEqualTo(1);
        assertThat(backend.conversations().find(c).orElseThrow().memberCount()).isEqualTo(1);

        event(new LogEntry.RemoveConversation(c, owner, tick()));
        assertThat(backend.conversations().find(c)).isEmpty();
        assertThat(backend.conversations().membership(c, owner)).isEmpty();
    }

    @Test
    void addingOrRemovingTwiceChangesOnce() {
        long owner = author();
        long c = room(owner);
        long member = author();

        assertThat(append(add(c, member)).duplicate()).isFalse();
        assertThat(append(add(c, member))).isEqualTo(Appended.UNCHANGED);
        assertThat(append(new LogEntry.RemoveMember(c, user(member), owner, tick())).duplicate()).isFalse();
        assertThat(append(new LogEntry.RemoveMember(c, user(member), owner, tick()))).isEqualTo(Appended.UNCHANGED);

        assertThat(messages.position(c).lastSeq()).isEqualTo(2);
        assertThat(backend.conversations().find(c).orElseThrow().memberCount()).isEqualTo(1);
    }

    @Test
    void anOwnerLeavingHandsTheChannelToTheLongestStandingMember() {
        long owner = author();
        long c = room(owner);
        long early = author();
        long stayed = author();
        event(add(c, early));
        event(add(c, stayed));
        event(new LogEntry.RemoveMember(c, user(early), owner, tick()));
        event(add(c, early));

        append(new LogEntry.Leave(c, user(owner), tick()));

        assertThat(ownerOf(c)).as("a rejoined member stands behind those who stayed").isEqualTo(stayed);
        assertThat(backend.conversations().isMember(c, owner)).isFalse();
        List<LogEvent> last = messages.eventsAfter(c, 4, 10);
        assertThat(last).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ConversationChanged", "MemberRemoved");
    }

    @Test
    void theLastMemberLeavingDeletesTheChannel() {
        long owner = author();
        long c = room(owner);

        LogEvent gone = event(new LogEntry.Leave(c, user(owner), tick()));

        assertThat(gone).isInstanceOf(LogEvent.ConversationRemoved.class);
        assertThat(backend.conversations().find(c)).isEmpty();
        assertThat(backend.conversations().membershipsOf(owner)).isEmpty();
    }

    @Test
    void anyoneJoinsAPublicChannelButADmCannotBeLeft() {
        long owner = author();
        long open = backend.channel(user(owner), UniqueIds.name("open"), Visibility.PUBLIC, tick()).id();
        long joiner = author();
        long pair = dm(owner, joiner);

        assertThat(event(new LogEntry.Join(open, user(joiner), tick())).seq()).isEqualTo(1);
        assertThat(refusal(log.append(new LogEntry.Leave(pair, user(joiner), tick()))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(log.append(new LogEntry.AddMember(pair, user(author()), owner, tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(backend.conversations().find(pair).orElseThrow().kind()).isEqualTo(ConversationKind.DM);
    }

    // ---- bans

    @Test
    void aBannedMemberIsRemovedWithTheBanAndCannotRejoinOrBeAdded() {
        long owner = author();
        long open = backend.channel(user(owner), UniqueIds.name("open"), Visibility.PUBLIC, tick()).id();
        User troll = user(author());
        event(new LogEntry.Join(open, troll, tick()));

        LogEvent.MemberRemoved removed = (LogEvent.MemberRemoved) event(new LogEntry.Ban(open, troll, owner, tick()));

        assertThat(removed.member()).isEqualTo(troll);
        assertThat(removed.conversation().memberCount()).isEqualTo(1);
        assertThat(backend.conversations().isMember(open, troll.id())).isFalse();
        assertThat(backend.conversations().bannedUsers(open)).containsExactly(troll.id());
        assertThat(refusal(log.append(new LogEntry.Join(open, troll, tick())))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(log.append(new LogEntry.AddMember(open, troll, owner, tick())))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(messages.position(open).lastSeq()).isEqualTo(2);
        assertThat(committed).extracting(LogEvent::seq).containsExactly(1L, 2L);
    }

    @Test
    void banningSomeoneWhoIsNotAMemberWritesNoEventButKeepsThemOut() {
        long owner = author();
        long open = backend.channel(user(owner), UniqueIds.name("open"), Visibility.PUBLIC, tick()).id();
        User stranger = user(author());

        Appended banned = append(new LogEntry.Ban(open, stranger, owner, tick()));

        assertThat(banned.event()).isNull();
        assertThat(banned.duplicate()).isFalse();
        assertThat(messages.position(open)).isEqualTo(LogPosition.EMPTY);
        assertThat(refusal(log.append(new LogEntry.Join(open, stranger, tick())))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(append(new LogEntry.Ban(open, stranger, owner, tick()))).isEqualTo(Appended.UNCHANGED);
    }

    @Test
    void anUnbannedUserMayJoinAgain() {
        long owner = author();
        long open = backend.channel(user(owner), UniqueIds.name("open"), Visibility.PUBLIC, tick()).id();
        User forgiven = user(author());
        append(new LogEntry.Ban(open, forgiven, owner, tick()));

        Appended unbanned = append(new LogEntry.Unban(open, forgiven.id(), owner, tick()));

        assertThat(unbanned.event()).isNull();
        assertThat(backend.conversations().bannedUsers(open)).isEmpty();
        assertThat(event(new LogEntry.Join(open, forgiven, tick()))).isInstanceOf(LogEvent.MemberAdded.class);
        assertThat(append(new LogEntry.Unban(open, forgiven.id(), owner, tick()))).isEqualTo(Appended.UNCHANGED);
    }

    @Test
    void onlyTheOwnerBansAndNotThemselvesAndNotInADm() {
        long owner = author();
        long c = room(owner);
        long member = author();
        event(add(c, member));
        User outsider = user(author());

        assertThat(refusal(log.append(new LogEntry.Ban(c, outsider, member, tick())))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(log.append(new LogEntry.Unban(c, outsider.id(), member, tick())))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(log.append(new LogEntry.Ban(c, outsider, outsider.id(), tick())))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(log.append(new LogEntry.Ban(c, user(owner), owner, tick())))).isEqualTo(ErrorCode.INVALID_REQUEST);
        long pair = dm(owner, member);
        assertThat(refusal(log.append(new LogEntry.Ban(pair, user(member), owner, tick())))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(backend.conversations().bannedUsers(c)).isEmpty();
        assertThat(backend.conversations().isMember(c, member)).isTrue();
    }

    @Test
    void aBanAndAJoinInTheSameBatchAreDecidedInOrder() {
        long owner = author();
        long open = backend.channel(user(owner), UniqueIds.name("open"), Visibility.PUBLIC, tick()).id();
        User troll = user(author());

        CompletableFuture<Appended> ban = log.append(new LogEntry.Ban(open, troll, owner, tick()));
        CompletableFuture<Appended> join = log.append(new LogEntry.Join(open, troll, tick()));

        await(ban);
        assertThat(refusal(join)).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(backend.conversations().isMember(open, troll.id())).isFalse();
    }

    // ---- nonces

    @Test
    void repeatingANonceGivesBackTheOriginalMessageAndTakesNoSeq() {
        long author = author();
        long c = room(author);
        Message original = posted(post(c, author, "first try", "nonce-1"));
        event(addSomeone(c));

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
        long alice = author();
        long bob = author();
        long c = dm(alice, bob);
        long other = room(alice);
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
        long author = author();
        long c = room(author);
        Message sent = posted(post(c, author, "hello", "nonce-f"));
        posted(post(c, author, "other", "nonce-g"));

        assertThat(messages.findByNonce(c, author, "nonce-f")).contains(sent);
        assertThat(messages.findByNonce(c, UniqueIds.next(), "nonce-f")).isEmpty();
        assertThat(messages.findByNonce(UniqueIds.next(), author, "nonce-f")).isEmpty();
        assertThat(messages.findByNonce(c, author, "nonce-h")).isEmpty();
    }

    @Test
    void postsWithoutANonceAreNeverTakenForRepeats() {
        long author = author();
        long c = room(author);

        posted(post(c, author, "same words", null));
        posted(post(c, author, "same words", null));

        assertThat(messages.after(c, 0, 10)).hasSize(2);
    }

    @Test
    void aNonceRepeatedBackToBackWithoutWaitingMakesOneMessage() {
        long author = author();
        long c = room(author);
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
        long author = author();
        long c = room(author);
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
        long author = author();
        long c = room(author);
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
        long author = author();
        long c = room(author);
        Message message = posted(post(c, author));

        assertThat(messages.find(UniqueIds.next(), message.id())).isEmpty();
        assertThat(messages.find(c, UniqueIds.next())).isEmpty();
    }

    @Test
    void anEditChangesTheContentAndKeepsTheMessagesSeq() {
        long author = author();
        long c = room(author);
        Message original = posted(post(c, author));
        LogEntry.EditMessage edit = new LogEntry.EditMessage(c, original.id(), author, "fixed typo", tick());

        LogEvent event = event(edit);

        Message edited = new Message(original.id(), c, original.seq(), original.authorId(), "fixed typo",
                original.createdAt(), edit.at(), false, original.replyTo(), original.nonce());
        assertThat(event).isEqualTo(new LogEvent.MessageEdited(c, 2, edit.at(), edited));
        assertThat(messages.find(c, original.id())).contains(edited);
    }

    @Test
    void aDeletionEmptiesTheMessageButKeepsItsIdAndSeq() {
        long author = author();
        long c = room(author);
        Message original = posted(post(c, author));
        LogEntry.DeleteMessage delete = new LogEntry.DeleteMessage(c, original.id(), author, tick());

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
        long author = author();
        long c = room(author);
        posted(post(c, author));

        assertThat(refusal(log.append(new LogEntry.EditMessage(c, UniqueIds.next(), author, "x", tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(log.append(new LogEntry.DeleteMessage(c, UniqueIds.next(), author, tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(messages.position(c).lastSeq()).isEqualTo(1);
        assertThat(event(post(c, author)).seq()).isEqualTo(2);
        assertThat(seqsInStore(c)).containsExactly(1L, 2L);
    }

    @Test
    void editingOrDeletingADeletedMessageFailsWithNotFoundAndTakesNoSeq() {
        long author = author();
        long c = room(author);
        Message message = posted(post(c, author));
        event(new LogEntry.DeleteMessage(c, message.id(), author, tick()));

        assertThat(refusal(log.append(new LogEntry.EditMessage(c, message.id(), author, "back", tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(log.append(new LogEntry.DeleteMessage(c, message.id(), author, tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(messages.find(c, message.id()).orElseThrow().content()).isEmpty();
        assertThat(event(new LogEntry.ChangeConversation(c, author, "renamed", null, tick())).seq()).isEqualTo(3);
    }

    @Test
    void aReplyToAMessageOfAnotherConversationOrToNoMessageIsRefusedAndTakesNoSeq() {
        long author = author();
        long c = room(author);
        long other = room(author);
        Message elsewhere = posted(post(other, author));
        Message here = posted(post(c, author));

        assertThat(refusal(log.append(new LogEntry.PostMessage(c, UniqueIds.next(), author, "re", null, elsewhere.id(), tick()))))
                .isEqualTo(ErrorCode.INVALID_REPLY_TO);
        assertThat(refusal(log.append(new LogEntry.PostMessage(c, UniqueIds.next(), author, "re", "n-r", UniqueIds.next(), tick()))))
                .isEqualTo(ErrorCode.INVALID_REPLY_TO);
        Message reply = posted(new LogEntry.PostMessage(c, UniqueIds.next(), author, "re", "n-r", here.id(), tick()));

        assertThat(reply.seq()).isEqualTo(2);
        assertThat(reply.replyTo()).isEqualTo(here.id());
        assertThat(seqsInStore(c)).containsExactly(1L, 2L);
    }

    @Test
    void aMessageCannotBeEditedOrDeletedThroughAnotherConversation() {
        long author = author();
        long c = room(author);
        long other = room(author);
        Message message = posted(post(c, author));
        posted(post(other, author));

        assertThat(refusal(log.append(new LogEntry.EditMessage(other, message.id(), author, "hijack", tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(log.append(new LogEntry.DeleteMessage(other, message.id(), author, tick()))))
                .isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(messages.find(c, message.id())).contains(message);
        assertThat(messages.position(other).lastSeq()).isEqualTo(1);
    }

    @Test
    void entriesAppendedWithoutWaitingSeeTheOnesBeforeThem() {
        long author = author();
        long c = room(author);
        LogEntry.PostMessage entry = post(c, author);
        CompletableFuture<Appended> posting = log.append(entry);
        CompletableFuture<Appended> editing = log.append(new LogEntry.EditMessage(c, entry.messageId(), author, "edited", tick()));
        CompletableFuture<Appended> deleting = log.append(new LogEntry.DeleteMessage(c, entry.messageId(), author, tick()));
        CompletableFuture<Appended> lateEdit = log.append(
                new LogEntry.EditMessage(c, entry.messageId(), author, "too late", tick()));
        CompletableFuture<Appended> next = log.append(new LogEntry.ChangeConversation(c, author, "renamed", null, tick()));

        assertThat(await(posting).event().seq()).isEqualTo(1);
        assertThat(await(editing).event().seq()).isEqualTo(2);
        assertThat(await(deleting).event().seq()).isEqualTo(3);
        assertThat(refusal(lateEdit)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(await(next).event().seq()).isEqualTo(4);
        assertThat(messages.find(c, entry.messageId()).orElseThrow().deleted()).isTrue();
    }

    // ---- reading

    @Test
    void eventsAfterOfSeveralConversationsGivesEachItsOwnEventsAfterItsCursor() {
        long author = author();
        List<Long> rooms = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long c = room(author);
            for (int m = 0; m < i % 4; m++) {
                posted(post(c, author, "m" + m, null));
            }
            rooms.add(c);
        }
        Map<Long, Long> cursors = new HashMap<>();
        rooms.forEach(c -> cursors.put(c, 1L));

        Map<Long, List<LogEvent>> read = messages.eventsAfter(cursors, 2);

        assertThat(read).containsOnlyKeys(rooms);
        rooms.forEach(c -> assertThat(read.get(c)).as("conversation %d", c).isEqualTo(messages.eventsAfter(c, 1, 2)));
        assertThat(read.values()).extracting(List::size).containsOnly(0, 1, 2);
        assertThat(read.values()).flatExtracting(e -> e).allSatisfy(e -> assertThat(e.seq()).isBetween(2L, 3L));
    }

    @Test
    void eventsAfterReplaysEveryKindInSeqOrderWithMessagesInTheirCurrentState() {
        long author = author();
        long c = room(author);
        Conversation created = backend.conversations().find(c).orElseThrow();
        User joiner = user(author());
        Message kept = posted(post(c, author, "draft", null));
        Message removed = posted(post(c, author, "regret", null));
        LogEntry.EditMessage edit = new LogEntry.EditMessage(c, kept.id(), author, "final", tick());
        event(edit);
        LogEntry.DeleteMessage delete = new LogEntry.DeleteMessage(c, removed.id(), author, tick());
        event(delete);
        LogEntry.AddMember add = new LogEntry.AddMember(c, joiner, author, tick());
        event(add);
        LogEntry.RemoveMember remove = new LogEntry.RemoveMember(c, joiner, author, tick());
        event(remove);
        LogEntry.ChangeConversation change = new LogEntry.ChangeConversation(c, author, "renamed", "new topic", tick());
        event(change);
        LogEntry.RemoveConversation end = new LogEntry.RemoveConversation(c, author, tick());
        event(end);

        Message keptNow = messages.find(c, kept.id()).orElseThrow();
        Message removedNow = messages.find(c, removed.id()).orElseThrow();
        assertThat(keptNow.content()).isEqualTo("final");
        assertThat(removedNow.deleted()).isTrue();
        Conversation withJoiner = new Conversation(c, ConversationKind.CHANNEL, created.name(), created.topic(),
                created.visibility(), author, 2, created.createdAt());
        Conversation alone = new Conversation(c, ConversationKind.CHANNEL, created.name(), created.topic(),
                created.visibility(), author, 1, created.createdAt());
        Conversation renamed = new Conversation(c, ConversationKind.CHANNEL, "renamed", "new topic",
                created.visibility(), author, 1, created.createdAt());
        assertThat(messages.eventsAfter(c, 0, 100)).containsExactly(
                new LogEvent.MessagePosted(c, 1, kept.createdAt(), keptNow),
                new LogEvent.MessagePosted(c, 2, removed.createdAt(), removedNow),
                new LogEvent.MessageEdited(c, 3, edit.at(), keptNow),
                new LogEvent.MessageDeleted(c, 4, delete.at(), removed.id()),
                new LogEvent.MemberAdded(c, 5, add.at(), joiner, withJoiner),
                new LogEvent.MemberRemoved(c, 6, remove.at(), joiner, alone),
                new LogEvent.ConversationChanged(c, 7, change.at(), renamed),
                new LogEvent.ConversationRemoved(c, 8, end.at()));
    }

    @Test
    void eventsAfterStartsAfterTheCursorAndStopsAtTheLimit() {
        long author = author();
        long c = room(author);
        for (int i = 0; i < 10; i++) {
            event(i % 2 == 0 ? post(c, author) : addSomeone(c));
        }

        assertThat(messages.eventsAfter(c, 3, 4)).extracting(LogEvent::seq).containsExactly(4L, 5L, 6L, 7L);
        assertThat(messages.eventsAfter(c, 8, 100)).extracting(LogEvent::seq).containsExactly(9L, 10L);
        assertThat(messages.eventsAfter(c, 10, 100)).isEmpty();
        assertThat(messages.eventsAfter(UniqueIds.next(), 0, 100)).isEmpty();
    }

    @Test
    void historyPagesBackwardNewestFirstAndForwardOldestFirst() {
        long author = author();
        long c = room(author);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(posted(post(c, author)));
            event(addSomeone(c));
        }
        event(new LogEntry.DeleteMessage(c, sent.get(2).id(), author, tick()));
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
        long author = author();
        long c = room(author);
        assertThat(messages.position(c)).isEqualTo(LogPosition.EMPTY);

        posted(post(c, author));
        LogEntry.AddMember last = addSomeone(c);
        event(last);

        assertThat(messages.position(c)).isEqualTo(new LogPosition(2, last.at()));
    }

    @Test
    void lastMessageIsTheNewestMessageInItsCurrentState() {
        long author = author();
        long c = room(author);
        assertThat(messages.lastMessage(c)).isEmpty();

        posted(post(c, author));
        Message newest = posted(post(c, author));
        event(addSomeone(c));
        assertThat(messages.lastMessage(c)).contains(newest);

        event(new LogEntry.EditMessage(c, newest.id(), author, "edited", tick()));
        assertThat(messages.lastMessage(c).orElseThrow().content()).isEqualTo("edited");
    }

    @Test
    void unreadCountsOtherPeoplesLiveMessagesAfterTheMarker() {
        long me = author();
        long them = author();
        long c = room(me);
        event(add(c, them));
        Message early = posted(post(c, them));
        posted(post(c, me));
        Message gone = posted(post(c, them));
        event(addSomeone(c));
        posted(post(c, them));
        posted(post(c, me));
        event(new LogEntry.DeleteMessage(c, gone.id(), them, tick()));

        assertThat(messages.unreadCount(c, me, 0)).isEqualTo(2);
        assertThat(messages.unreadCount(c, me, early.seq())).isEqualTo(1);
        assertThat(messages.unreadCount(c, them, 0)).isEqualTo(2);
        assertThat(messages.unreadCount(c, me, messages.position(c).lastSeq())).isZero();
    }

    // ---- shutting down

    @Test
    void closingFinishesEveryAppendAlreadyTaken() {
        long author = author();
        long c = room(author);
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
        long author = author();
        long c = room(author);
        log.close();
        logClosed = true;

        assertThat(refusal(log.append(post(c, author)))).isEqualTo(ErrorCode.UNAVAILABLE);
    }
}
