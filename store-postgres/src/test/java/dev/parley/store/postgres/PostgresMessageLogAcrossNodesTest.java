package dev.parley.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.NewUser;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.message.Message;
import dev.parley.engines.PostgresExtension;
import dev.parley.testkit.UniqueIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes of a cluster, each with its own pool and its own writer, appending to the same conversations of
 * one database at the same time. Node b commits at most 3 entries at a time and node a up to 500, so their
 * batches interleave on every conversation.
 */
class PostgresMessageLogAcrossNodesTest {
    @RegisterExtension
    static final PostgresExtension PG = TestDatabase.PG;
    private static final long WAIT_SECONDS = 60;

    /** One node: its pool, its log, and what its writer told its listener. */
    private record Node(PostgresDatabase db, PostgresMessageLog log, List<LogEvent> told) implements AutoCloseable {
        static Node open(int maxBatch) {
            PostgresDatabase db = TestDatabase.open(maxBatch);
            List<LogEvent> told = new CopyOnWriteArrayList<>();
            return new Node(db, new PostgresMessageLog(db, maxBatch, told::addAll), told);
        }

        @Override
        public void close() {
            log.close();
            db.close();
        }
    }

    private Node a;
    private Node b;
    private PostgresAccountStore accounts;
    private PostgresConversationStore conversations;
    private PostgresMessageStore messages;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @BeforeEach
    void openNodes() {
        a = Node.open(500);
        b = Node.open(3);
        accounts = new PostgresAccountStore(a.db());
        conversations = new PostgresConversationStore(b.db());
        messages = new PostgresMessageStore(a.db());
    }

    @AfterEach
    void closeNodes() {
        pool.shutdownNow();
        a.close();
        b.close();
    }

    private User user() {
        long id = UniqueIds.next();
        accounts.createUser(new NewUser(id, UniqueIds.name("u"), "User", null, "hash", UniqueIds.nowMillis()));
        return accounts.findUser(id).orElseThrow();
    }

    private Conversation channel(User owner) {
        return channel(owner, Visibility.PRIVATE);
    }

    private Conversation channel(User owner, Visibility visibility) {
        Conversation channel = new Conversation(UniqueIds.next(), ConversationKind.CHANNEL, UniqueIds.name("room"), "",
                visibility, owner.id(), 1, UniqueIds.nowMillis());
        conversations.createChannel(channel);
        return channel;
    }

    private static LogEntry.PostMessage post(Conversation c, User author, String nonce) {
        return new LogEntry.PostMessage(c.id(), UniqueIds.next(), author.id(), "from " + author.username(), nonce, null,
                UniqueIds.nowMillis());
    }

    private static LogEntry.AddMember add(Conversation c, User member) {
        return new LogEntry.AddMember(c.id(), member, c.ownerId(), UniqueIds.nowMillis());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("did not complete in " + WAIT_SECONDS + " s", e);
        }
    }

    /** The refusal's code, or null if the append succeeded. */
    private static ErrorCode outcome(CompletableFuture<Appended> append) {
        try {
            append.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ParleyException.class);
            return ((ParleyException) e.getCause()).code();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("did not complete in " + WAIT_SECONDS + " s", e);
        }
    }

    @Test
    void seqsStayDenseAndUniqueWhenTwoNodesAppendToTheSameConversationsAtOnce() throws Exception {
        User owner = user();
        List<Conversation> rooms = List.of(channel(owner), channel(owner), channel(owner));
        List<User> authors = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            User author = user();
            authors.add(author);
            rooms.forEach(c -> await(a.log().append(add(c, author))));
        }
        int perThread = 120;
        List<List<User>> joiners = new ArrayList<>();
        for (int t = 0; t < authors.size(); t++) {
            List<User> mine = new ArrayList<>();
            for (int i = 0; i < perThread / 10; i++) {
                mine.add(user());
            }
            joiners.add(mine);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Appended>> appends = new CopyOnWriteArrayList<>();
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < authors.size(); t++) {
            Node node = t % 2 == 0 ? a : b;
            User author = authors.get(t);
            List<User> mine = joiners.get(t);
            int offset = t;
            senders.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    Conversation c = rooms.get((i + offset) % rooms.size());
                    appends.add(node.log().append(i % 10 == 9 ? add(c, mine.get(i / 10)) : post(c, author, null)));
                }
                return null;
            }));
        }
        start.countDown();
        senders.forEach(PostgresMessageLogAcrossNodesTest::await);

        Map<Long, List<LogEvent>> acknowledged = new HashMap<>();
        for (CompletableFuture<Appended> append : appends) {
            Appended appended = await(append);
            assertThat(appended.duplicate()).isFalse();
            acknowledged.computeIfAbsent(appended.event().conversationId(), k -> new ArrayList<>()).add(appended.event());
        }
        long base = authors.size();
        int perRoom = authors.size() * perThread / rooms.size();
        for (Conversation c : rooms) {
            List<LogEvent> events = acknowledged.get(c.id());
            events.sort(Comparator.comparingLong(LogEvent::seq));
            assertThat(events).extracting(LogEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(base + 1, base + perRoom).boxed().toList());
            assertThat(messages.eventsAfter(c.id(), base, perRoom + 10)).containsExactlyElementsOf(events);
            assertThat(messages.position(c.id()).lastSeq()).isEqualTo(base + perRoom);
            assertThat(messages.after(c.id(), 0, 10_000)).extracting(Message::seq).doesNotHaveDuplicates();
            int memberCount = conversations.find(c.id()).orElseThrow().memberCount();
            assertThat(conversations.members(c.id(), null, 1000).items()).hasSize(memberCount);
            assertThat(memberCount).isEqualTo(1 + authors.size() + perRoom / 10);
            for (Node node : List.of(a, b)) {
                assertThat(node.told()).filteredOn(e -> e.conversationId() == c.id()).extracting(LogEvent::seq)
                        .as("each writer tells its own events in seq order").isSorted();
            }
        }
        List<LogEvent> toldByBoth = new ArrayList<>(a.told());
        toldByBoth.addAll(b.told());
        assertThat(toldByBoth).as("every event told once, by the node that wrote it").doesNotHaveDuplicates()
                .hasSize(rooms.size() * (authors.size() + perRoom));
    }

    @Test
    void aNonceRacedOnBothNodesMakesOneMessage() {
        User author = user();
        Conversation c = channel(author);
        int rounds = 15;
        for (int round = 0; round < rounds; round++) {
            String nonce = "race-" + round;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<CompletableFuture<Appended>>>> racers = new ArrayList<>();
            for (Node node : List.of(a, b)) {
                racers.add(pool.submit(() -> {
                    start.await();
                    List<CompletableFuture<Appended>> tries = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        tries.add(node.log().append(post(c, author, nonce)));
                    }
                    return tries;
                }));
            }
            start.countDown();
            List<Appended> answers = new ArrayList<>();
            racers.forEach(r -> await(r).forEach(f -> answers.add(await(f))));

            assertThat(answers).as("round %d", round).filteredOn(x -> !x.duplicate()).hasSize(1);
            assertThat(answers).extracting(x -> ((LogEvent.MessagePosted) x.event()).message().id()).as("round %d", round)
                    .containsOnly(((LogEvent.MessagePosted) answers.get(0).event()).message().id());
            assertThat(answers).extracting(x -> x.event().seq()).as("round %d", round).containsOnly(round + 1L);
        }

        assertThat(messages.after(c.id(), 0, 100)).extracting(Message::nonce)
                .containsExactlyElementsOf(LongStream.range(0, rounds).mapToObj(i -> "race-" + i).toList());
        assertThat(messages.position(c.id()).lastSeq()).isEqualTo(rounds);
    }

    @Test
    void anOwnerLeavingOnOneNodeWhileTheOtherAddsMembersLeavesNoAdditionAfterTheDeparture() {
        for (int round = 0; round < 15; round++) {
            User owner = user();
            User heir = user();
            Conversation c = channel(owner);
            await(a.log().append(add(c, heir)));
            List<User> late = List.of(user(), user(), user(), user(), user());
            CountDownLatch start = new CountDownLatch(1);
            Future<CompletableFuture<Appended>> leaving = pool.submit(() -> {
                start.await();
                return a.log().append(new LogEntry.Leave(c.id(), owner, UniqueIds.nowMillis()));
            });
            Future<List<CompletableFuture<Appended>>> adding = pool.submit(() -> {
                start.await();
                List<CompletableFuture<Appended>> additions = new ArrayList<>();
                late.forEach(u -> additions.add(b.log().append(add(c, u))));
                return additions;
            });
            start.countDown();
            assertThat(outcome(await(leaving))).isNull();
            List<ErrorCode> added = await(adding).stream().map(PostgresMessageLogAcrossNodesTest::outcome).toList();

            List<LogEvent> events = messages.eventsAfter(c.id(), 0, 100);
            long departure = events.stream().filter(e -> e instanceof LogEvent.MemberRemoved r && r.member().id() == owner.id())
                    .mapToLong(LogEvent::seq).findFirst().orElseThrow();
            assertThat(events).as("round %d", round)
                    .noneMatch(e -> e instanceof LogEvent.MemberAdded && e.seq() > departure);
            for (int i = 0; i < late.size(); i++) {
                boolean member = conversations.isMember(c.id(), late.get(i).id());
                assertThat(added.get(i)).as("round %d, addition %d", round, i).isIn(null, ErrorCode.NOT_FOUND);
                assertThat(member).as("round %d, addition %d", round, i).isEqualTo(added.get(i) == null);
            }
            Conversation after = conversations.find(c.id()).orElseThrow();
            assertThat(after.ownerId()).isEqualTo(heir.id());
            assertThat(conversations.isMember(c.id(), owner.id())).isFalse();
            assertThat(after.memberCount()).isEqualTo(conversations.members(c.id(), null, 100).items().size());
            assertThat(events).extracting(LogEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        }
    }

    @Test
    void aBanOnOneNodeWhileTheBannedUserJoinsOnTheOtherLeavesThemOut() {
        for (int round = 0; round < 15; round++) {
            User owner = user();
            User troll = user();
            Conversation c = channel(owner, Visibility.PUBLIC);
            CountDownLatch start = new CountDownLatch(1);
            Future<CompletableFuture<Appended>> banning = pool.submit(() -> {
                start.await();
                return a.log().append(new LogEntry.Ban(c.id(), troll, owner.id(), UniqueIds.nowMillis()));
            });
            Future<CompletableFuture<Appended>> joining = pool.submit(() -> {
                start.await();
                return b.log().append(new LogEntry.Join(c.id(), troll, UniqueIds.nowMillis()));
            });
            start.countDown();
            assertThat(outcome(await(banning))).isNull();
            ErrorCode joined = outcome(await(joining));

            assertThat(joined).as("round %d", round).isIn(null, ErrorCode.FORBIDDEN);
            assertThat(messages.eventsAfter(c.id(), 0, 10)).as("round %d: joined before the ban, then removed by it", round)
                    .map(e -> e.getClass().getSimpleName())
                    .containsExactlyElementsOf(joined == null ? List.of("MemberAdded", "MemberRemoved") : List.of());
            assertThat(conversations.isMember(c.id(), troll.id())).as("round %d", round).isFalse();
            assertThat(conversations.bannedUsers(c.id())).containsExactly(troll.id());
            assertThat(outcome(b.log().append(new LogEntry.Join(c.id(), troll, UniqueIds.nowMillis()))))
                    .isEqualTo(ErrorCode.FORBIDDEN);
        }
    }
}
