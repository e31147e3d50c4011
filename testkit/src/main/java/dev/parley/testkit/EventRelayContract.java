package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.EventRelay;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.RelayEvent;
import dev.parley.core.event.RelayListener;
import dev.parley.core.event.Topic;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import dev.parley.core.notification.NotifyLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventRelay} must do. Subclass once per adapter and return a relay from {@link #newRelay()}.
 * A relay that spans processes also overrides {@link #newPeer()} to open a second node's relay on the same bus,
 * so that subscribers on "another node" are covered too. The port promises nothing about order, loss or repeats
 * across nodes; without faults, what is published to a topic after a subscription to it completed arrives, intact.
 * Deliveries may be asynchronous: tests wait for them with a timeout and never sleep.
 */
public abstract class EventRelayContract {
    private static final long WAIT_SECONDS = 10;

    private final List<EventRelay> opened = new ArrayList<>();
    private EventRelay relay;
    private EventRelay peer;
    private Inbox here;
    private Inbox there;

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
        here = new Inbox();
        relay.listen(here);
        peer = newPeer();
        if (peer != relay) {
            opened.add(peer);
            there = new Inbox();
            peer.listen(there);
        } else {
            there = here;
        }
    }

    @AfterEach
    void closeRelays() {
        opened.forEach(EventRelay::close);
    }

    /** What a node's listener was given, for tests to wait on. */
    private static final class Inbox implements RelayListener {
        private record Received(Topic topic, RelayEvent event) {
        }

        private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(Topic topic, RelayEvent event) {
            received.add(new Received(topic, event));
        }

        /** Waits until every one of {@code expected} has arrived on {@code topic}; returns everything taken meanwhile. */
        List<Received> awaitAll(Topic topic, List<? extends RelayEvent> expected) throws InterruptedException {
            Set<RelayEvent> missing = new LinkedHashSet<>(expected);
            List<Received> taken = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!missing.isEmpty()) {
                Received next = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(next).as("%d events still missing within %d s: %s", missing.size(), WAIT_SECONDS, missing)
                        .isNotNull();
                taken.add(next);
                if (next.topic().equals(topic)) {
                    missing.remove(next.event());
                }
            }
            return taken;
        }
    }

    private static User user(long id) {
        return new User(id, "user" + id, "User ✓ " + id, "https://example.org/a.png", "busy", Instant.ofEpochMilli(1_700_000_000_123L));
    }

    /** One event of every kind, with every field set, as a node publishes them. */
    private static List<RelayEvent> everyKind(long conversationId) {
        Instant at = UniqueIds.nowMillis();
        Conversation channel = new Conversation(conversationId, ConversationKind.CHANNEL, "général", "topic \"quoted\"",
                Visibility.PUBLIC, 42L, 3, at.minusSeconds(60));
        Conversation dm = new Conversation(conversationId + 1, ConversationKind.DM, null, null, null, null, 2, at);
        Message message = new Message(UniqueIds.next(), conversationId, 5, 42, "hi \uD83D\uDC0D\n<b>", at, at.plusMillis(5),
                false, 77L, "nonce-1");
        Message plain = new Message(UniqueIds.next(), conversationId, 6, 43, "", at, null, true, null, null);
        return List.of(
                new LogEvent.MessagePosted(conversationId, 5, at, message),
                new LogEvent.MessageEdited(conversationId, 6, at, plain),
                new LogEvent.MessageDeleted(conversationId, 7, at, message.id()),
                new LogEvent.MemberAdded(conversationId, 8, at, user(43), channel),
                new LogEvent.MemberRemoved(conversationId, 9, at, user(44), channel),
                new LogEvent.ConversationChanged(conversationId, 10, at, channel),
                new LogEvent.ConversationRemoved(conversationId, 11, at),
                new Ephemeral.Typing(conversationId, 42),
                new Ephemeral.ReadMarkerMoved(42, conversationId, 9, 1234),
                new Ephemeral.PresenceChanged(42, "dnd", List.of(conversationId, 99L)),
                new Ephemeral.SessionRevoked(42, 1234),
                new Ephemeral.ProfileChanged(user(42), List.of()),
                new Ephemeral.ConversationOpened(dm, List.of(user(42), user(43)), 0),
                new LogEvent.MessagePosted(conversationId, 12, at, new Message(UniqueIds.next(), conversationId, 12, 42,
                        "@here @user43", at, null, false, null, null, new Mentions(List.of(43L), true, false))),
                new LogEvent.ConversationChanged(conversationId, 13, at, new Conversation(conversationId,
                        ConversationKind.CHANNEL, "général", "t", Visibility.PUBLIC, 42L, 3, at.minusSeconds(60), true)),
                new Ephemeral.ReadMarkerMoved(42, conversationId, 10, 1234, "node-a:17"),
                new Ephemeral.NotificationSettingsChanged(42, conversationId, NotifyLevel.MENTIONS, at.plusSeconds(3600)));
    }

    @Test
    void everyKindOfEventArrivesIntactOnEveryNodeSubscribedToItsTopic() throws Exception {
        Topic topic = Topic.conversation(UniqueIds.next());
        relay.subscribe(topic).get(WAIT_SECONDS, TimeUnit.SECONDS);
        peer.subscribe(topic).get(WAIT_SECONDS, TimeUnit.SECONDS);
        List<RelayEvent> published = everyKind(topic.id());

        published.forEach(e -> relay.publish(topic, e));

        here.awaitAll(topic, published);
        if (there != here) {
            there.awaitAll(topic, published);
        }
    }

    @Test
    void aNodeGetsTheTopicsItSubscribedToAndNotTheOthers() throws Exception {
        Topic mine = Topic.user(UniqueIds.next());
        Topic others = Topic.conversation(UniqueIds.next());
        peer.subscribe(mine).get(WAIT_SECONDS, TimeUnit.SECONDS);
        RelayEvent notForUs = new Ephemeral.Typing(others.id(), 1);
        RelayEvent marker = new Ephemeral.SessionRevoked(mine.id(), 2);

        relay.publish(others, notForUs);
        relay.publish(mine, marker);

        List<?> taken = there.awaitAll(mine, List.of(marker));
        assertThat(taken).hasSize(1);
    }

    @Test
    void afterUnsubscribingNothingMoreOfTheTopicArrives() throws Exception {
        Topic topic = Topic.conversation(UniqueIds.next());
        Topic marker = Topic.ALL;
        peer.subscribe(topic).get(WAIT_SECONDS, TimeUnit.SECONDS);
        peer.subscribe(topic).get(WAIT_SECONDS, TimeUnit.SECONDS);
        peer.subscribe(marker).get(WAIT_SECONDS, TimeUnit.SECONDS);
        RelayEvent before = new Ephemeral.Typing(topic.id(), 1);
        relay.publish(topic, before);
        there.awaitAll(topic, List.of(before));

        peer.unsubscribe(topic);
        RelayEvent after = new Ephemeral.Typing(topic.id(), 2);
        RelayEvent done = new Ephemeral.Typing(topic.id(), 3);
        relay.publish(topic, after);
        relay.publish(marker, done);

        List<?> taken = there.awaitAll(marker, List.of(done));
        assertThat(taken).as("subscribing twice is the same as once: one unsubscribe ends it").hasSize(1);
    }

    @Test
    void manyTopicsAtOnceEachGetTheirOwnEvents() throws Exception {
        List<Topic> topics = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Topic t = i % 2 == 0 ? Topic.conversation(UniqueIds.next()) : Topic.user(UniqueIds.next());
            topics.add(t);
            peer.subscribe(t).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        for (Topic t : topics) {
            List<RelayEvent> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(new Ephemeral.ReadMarkerMoved(t.id(), t.id(), i, 0));
            }
            events.forEach(e -> relay.publish(t, e));
            there.awaitAll(t, events);
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopLaterEvents() throws Exception {
        EventRelay node = newRelay();
        opened.add(node);
        Inbox inbox = new Inbox();
        node.listen(new RelayListener() {
            @Override
            public void onEvent(Topic topic, RelayEvent event) {
                if (event instanceof Ephemeral.Typing t && t.userId() == 1) {
                    throw new IllegalStateException("a broken listener");
                }
                inbox.onEvent(topic, event);
            }
        });
        Topic topic = Topic.conversation(UniqueIds.next());
        node.subscribe(topic).get(WAIT_SECONDS, TimeUnit.SECONDS);

        node.publish(topic, new Ephemeral.Typing(topic.id(), 1));
        RelayEvent later = new Ephemeral.Typing(topic.id(), 2);
        node.publish(topic, later);

        inbox.awaitAll(topic, List.of(later));
    }
}
