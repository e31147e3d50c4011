package dev.parley.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parley.core.account.NewUser;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogListener;
import dev.parley.engines.PostgresExtension;
import dev.parley.testkit.UniqueIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL stopped under a running node and started again. The engine is shared by every test class of the
 * JVM, so each test starts it again before it ends.
 */
class PostgresOutageTest {
    @RegisterExtension
    static final PostgresExtension PG = TestDatabase.PG;
    private static final Duration FAST = Duration.ofSeconds(10);
    /** The pool retries connecting with a backoff of up to 5 s, so it notices PostgreSQL's return within seconds. */
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    private record Attempt(LogEvent event, ParleyException failure, Duration took) {
    }

    private PostgresDatabase db;
    private PostgresMessageLog log;
    private PostgresMessageStore messages;
    private Conversation channel;

    @BeforeEach
    void openNode() {
        db = TestDatabase.open(500);
        log = new PostgresMessageLog(db, 500, LogListener.NONE);
        messages = new PostgresMessageStore(db);
        long owner = UniqueIds.next();
        new PostgresAccountStore(db).createUser(new NewUser(owner, UniqueIds.name("u"), "Owner", null, "hash",
                UniqueIds.nowMillis()));
        channel = new Conversation(UniqueIds.next(), ConversationKind.CHANNEL, "room", "", Visibility.PRIVATE, owner, 1,
                UniqueIds.nowMillis());
        new PostgresConversationStore(db).createChannel(channel);
    }

    @AfterEach
    void closeNode() {
        PG.engine().start();
        log.close();
        db.close();
    }

    @Test
    void whilePostgresIsDownCallsFailFastAsUnavailableAndNothingAcknowledgedIsLost() throws Exception {
        List<LogEvent> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            acknowledged.add(attempt().event());
        }

        List<Attempt> whileDown = new ArrayList<>();
        PG.engine().stop();
        try {
            for (int i = 0; i < 3; i++) {
                whileDown.add(attempt());
            }
            long start = System.nanoTime();
            Throwable readFailure = catchThrowable(() -> messages.position(channel.id()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
            assertThat(readFailure).isInstanceOfSatisfying(ParleyException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThat(db.ready()).isFalse();
        } finally {
            PG.engine().start();
        }

        assertThat(whileDown).allSatisfy(a -> {
            assertThat(a.failure()).isNotNull();
            assertThat(a.failure().code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(a.took()).isLessThan(FAST);
        });
        assertThat(readyWithin(RECOVERY)).as("ready again within %s", RECOVERY).isTrue();
        Attempt back = attempt();
        assertThat(back.failure()).as("the first append once PostgreSQL is back").isNull();
        acknowledged.add(back.event());
        assertThat(messages.eventsAfter(channel.id(), 0, 100)).containsExactlyElementsOf(acknowledged);
        assertThat(acknowledged).extracting(LogEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 21).boxed().toList());
    }

    @Test
    void appendsUnderWayWhilePostgresStopsAndStartsLoseNothingAcknowledgedAndLeaveNoGap() throws Exception {
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        AtomicBoolean appending = new AtomicBoolean(true);
        Thread appender = Thread.ofPlatform().start(() -> {
            try {
                while (appending.get()) {
                    attempts.add(attempt());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Thread.sleep(500);
            PG.engine().stop();
            Thread.sleep(1500);
            PG.engine().start();
            assertThat(readyWithin(RECOVERY)).isTrue();
            int before = attempts.size();
            long deadline = System.nanoTime() + RECOVERY.toNanos();
            while (attempts.size() < before + 20 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            appending.set(false);
            appender.join(TimeUnit.SECONDS.toMillis(70));
        }

        List<LogEvent> acknowledged = attempts.stream().filter(a -> a.failure() == null).map(Attempt::event).toList();
        List<Attempt> failed = attempts.stream().filter(a -> a.failure() != null).toList();
        assertThat(failed).as("appends while PostgreSQL was down").isNotEmpty().allSatisfy(a -> {
            assertThat(a.failure().code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(a.took()).isLessThan(FAST);
        });
        assertThat(attempts.get(attempts.size() - 1).failure()).as("the last append, once PostgreSQL is back").isNull();
        List<LogEvent> stored = messages.eventsAfter(channel.id(), 0, 100_000);
        assertThat(stored).as("everything acknowledged is stored").containsAll(acknowledged);
        assertThat(stored).extracting(LogEvent::seq).as("no seq skipped or repeated")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
    }

    /** Appends a post and waits, never longer than the test can bear. */
    private Attempt attempt() throws InterruptedException {
        long start = System.nanoTime();
        CompletableFuture<Appended> future = log.append(new LogEntry.PostMessage(channel.id(), UniqueIds.next(),
                channel.ownerId(), "hello", null, null, UniqueIds.nowMillis()));
        try {
            LogEvent event = future.get(60, TimeUnit.SECONDS).event();
            return new Attempt(event, null, Duration.ofNanos(System.nanoTime() - start));
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ParleyException.class);
            return new Attempt(null, (ParleyException) e.getCause(), Duration.ofNanos(System.nanoTime() - start));
        } catch (TimeoutException e) {
            throw new AssertionError("an append hung for 60 s", e);
        }
    }

    private boolean readyWithin(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!db.ready()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
