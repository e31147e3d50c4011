package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.event.EventRelay;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.RelayEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventRelay} must do. Subclass once per adapter and return a relay from {@link #newRelay()}.
 * A relay that spans processes also overrides {@link #newPeer()} to open a second node's relay on the same
 * bus, so that subscribers on "another node" are covered too. Deliveries may be asynchronous: tests wait for
 * them with a timeout and never sleep.
 */
public abstract class EventRelayContract {
    private static final long WAIT_SECONDS = 10;

    private final List<EventRelay> opened = new ArrayList<>();
    private EventRelay relay;
    private EventRelay peer;

    /** A relay for one test; the contract closes it afterwards. */
    protected abstract EventRelay newRelay();

    /** Another node's relay on the same bus as {@link #newRelay()}'s; in a single process, that same relay. */
    protected EventRelay newPeer() {
        return relay;
    }

    @BeforeEach
    void openRelays() {
        relay = newRelay();
        opened.add(relay);
        peer = newPeer();
        if (peer != relay) {
            opened.add(peer);
        }
    }

    @AfterEach
    void closeRelays() {
        opened.forEach(EventRelay::close);
    }

    /** Collects what a listener was given, for tests to wait on. */
    private static final class Inbox implements Consumer<RelayEvent> {
        private final LinkedBlockingQueue<RelayEvent> received = new LinkedBlockingQueue<>();

        @Override
        public void accept(RelayEvent event) {
            received.add(event);
        }

        List<RelayEvent> take(int count) throws InterruptedException {
            List<RelayEvent> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RelayEvent next = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(next).as("event %d of %d within %d s (got %s)", i + 1, count, WAIT_SECONDS, out).isNotNull();
                out.add(next);
            }
            return out;
        }
    }

    private Inbox subscribe(EventRelay on) {
        Inbox inbox = new Inbox();
        on.subscribe(inbox);
        return inbox;
    }

    private static List<RelayEvent> events(long conversationId, long firstSeq, int count) {
        Instant at = UniqueIds.nowMillis();
        List<RelayEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seq = firstSeq + i;
            out.add(seq % 2 == 0
                    ? new LogEvent.MemberAdded(conversationId, seq, at.plusMillis(seq), seq * 7)
                    : new LogEvent.ConversationChanged(conversationId, seq, at.plusMillis(seq)));
        }
        return out;
    }

    @Test
    void everySubscriberGetsEachEventInPublishOrder() throws Exception {
        Inbox first = subscribe(relay);
        Inbox second = subscribe(relay);
        Inbox elsewhere = subscribe(peer);
        List<RelayEvent> published = events(UniqueIds.next(), 1, 100);

        published.forEach(relay::publish);

        assertThat(first.take(100)).containsExactlyElementsOf(published);
        assertThat(second.take(100)).containsExactlyElementsOf(published);
        assertThat(elsewhere.take(100)).containsExactlyElementsOf(published);
    }

    @Test
    void aListenerThatThrowsDoesNotKeepTheEventFromOthers() throws Exception {
        relay.subscribe(event -> {
            throw new IllegalStateException("a broken listener");
        });
        Inbox after = subscribe(relay);
        List<RelayEvent> published = events(UniqueIds.next(), 1, 3);

        published.forEach(relay::publish);

        assertThat(after.take(3)).containsExactlyElementsOf(published);
    }

    @Test
    void publishOrderIsKeptAcrossConversations() throws Exception {
        Inbox inbox = subscribe(peer);
        List<RelayEvent> a = events(UniqueIds.next(), 1, 50);
        List<RelayEvent> b = events(UniqueIds.next(), 1, 50);
        List<RelayEvent> published = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            published.add(a.get(i));
            published.add(b.get(i));
        }

        published.forEach(relay::publish);

        assertThat(inbox.take(100)).containsExactlyElementsOf(published);
    }

    @Test
    void eachPublishersOrderIsKeptWhenManyPublishAtOnce() throws Exception {
        Inbox inbox = subscribe(peer);
        int publishers = 4;
        int each = 100;
        List<List<RelayEvent>> streams = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            streams.add(events(UniqueIds.next(), 1, each));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<RelayEvent> stream : streams) {
                running.add(pool.submit(() -> {
                    start.await();
                    stream.forEach(relay::publish);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<RelayEvent> received = inbox.take(publishers * each);
        for (List<RelayEvent> stream : streams) {
            long conversationId = ((LogEvent) stream.get(0)).conversationId();
            assertThat(received).filteredOn(e -> ((LogEvent) e).conversationId() == conversationId)
                    .containsExactlyElementsOf(stream);
        }
    }

    @Test
    void aLateSubscriberGetsOnlyWhatIsPublishedAfterIt() throws Exception {
        Inbox early = subscribe(relay);
        List<RelayEvent> published = events(UniqueIds.next(), 1, 2);
        relay.publish(published.get(0));
        assertThat(early.take(1)).containsExactly(published.get(0));

        Inbox late = subscribe(peer);
        relay.publish(published.get(1));

        assertThat(late.take(1)).containsExactly(published.get(1));
        assertThat(early.take(1)).containsExactly(published.get(1));
    }
}
