package dev.parley.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.NewUser;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Membership;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.LogEvent;
import dev.parley.core.fakes.InMemoryAccountStore;
import dev.parley.core.fakes.InMemoryConversationStore;
import dev.parley.core.fakes.MutableClock;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import dev.parley.core.presence.Lease;
import dev.parley.core.presence.LocalPresenceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Who the node pushes a new message to, and when it holds back. */
class PushNotifierTest {
    private static final long ROOM = 100;
    private static final long AUTHOR = 1;
    private static final long ANN = 2;
    private static final long BEN = 3;

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryAccountStore accounts = new InMemoryAccountStore();
    private final LocalPresenceStore presence = new LocalPresenceStore();
    private final List<String> pushed = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private PushSender.Outcome answer = PushSender.Outcome.DELIVERED;
    private final List<PushTarget> targets = new ArrayList<>();
    private final PushSubscriptionStore store = new PushSubscriptionStore() {
        @Override
        public long add(PushSubscription s) {
            return s.id();
        }

        @Override
        public boolean delete(long userId, long subscriptionId) {
            return false;
        }

        @Override
        public void deleteEndpoint(String endpoint) {
            deleted.add(endpoint);
        }

        @Override
        public Optional<PushSubscription> find(long subscriptionId) {
            return Optional.empty();
        }

        @Override
        public int count(long userId) {
            return 0;
        }

        @Override
        public List<PushTarget> targets(long conversationId, long exceptUserId) {
            return targets.stream().filter(t -> t.membership().userId() != exceptUserId).toList();
        }
    };
    private final PushNotifier notifier = notifier(Runnable::run);

    PushNotifierTest() {
        accounts.createUser(new NewUser(AUTHOR, "ann", "Ann", null, "h", Instant.EPOCH));
        conversations.createChannel(new Conversation(ROOM, ConversationKind.CHANNEL, "room", "", Visibility.PRIVATE, AUTHOR, 1,
                Instant.EPOCH));
        for (long user : new long[] {AUTHOR, ANN, BEN}) {
            targets.add(new PushTarget(new Membership(ROOM, user, Instant.EPOCH, 0),
                    new PushSubscription(user * 10, user, "https://push.example/" + user, "k", "a", Instant.EPOCH)));
        }
    }

    private PushNotifier notifier(Executor executor) {
        return new PushNotifier(store, conversations, accounts, presence, (s, m, topic) -> {
            pushed.add(s.endpoint() + " " + m.title() + " " + m.body() + " " + topic);
            return CompletableFuture.completedFuture(answer);
        }, executor, clock, Duration.ofSeconds(30));
    }

    private LogEvent.MessagePosted posted(long seq, String content, Mentions mentions) {
        Message m = new Message(clock.millis() + seq, ROOM, seq, AUTHOR, content, clock.instant(), null, false, null, null,
                mentions);
        return new LogEvent.MessagePosted(ROOM, seq, clock.instant(), m);
    }

    private void post(String content, Mentions mentions) {
        notifier.committed(List.of(posted(1, content, mentions)));
    }

    @Test
    void aCommittedBatchIsOneTaskForThePushThreadsAndAFullQueueDropsAndCountsItsMessages() {
        List<Runnable> tasks = new ArrayList<>();
        PushNotifier batching = notifier(tasks::add);
        batching.committed(List.of(posted(1, "one", Mentions.NONE), posted(2, "two", Mentions.NONE)));

        assertThat(tasks).hasSize(1);
        tasks.getFirst().run();
        assertThat(pushed).containsExactly("https://push.example/2 #room Ann: one c100", "https://push.example/3 #room Ann: one c100");

        PushNotifier full = notifier(task -> {
            throw new RejectedExecutionException("full");
        });
        full.committed(List.of(posted(3, "three", Mentions.NONE), posted(4, "four", Mentions.NONE)));
        assertThat(full.dropped()).isEqualTo(2);
    }

    @Test
    void everyOfflineMemberButTheAuthorIsPushedOncePerConversationWindow() {
        post("hello", Mentions.NONE);
        post("again", Mentions.NONE);

        assertThat(pushed).containsExactly("https://push.example/2 #room Ann: hello c100", "https://push.example/3 #room Ann: hello c100");
        clock.advance(Duration.ofSeconds(31));
        post("later", Mentions.NONE);
        assertThat(pushed).hasSize(4).last().asString().contains("later");
    }

    @Test
    void aConnectedUserIsNotPushedAndNeitherAreThoseTheirSettingsSilence() {
        presence.renew(List.of(new Lease(ANN, "socket-1")), clock.instant().plusSeconds(30));
        targets.set(2, new PushTarget(new Membership(ROOM, BEN, Instant.EPOCH, 0, NotifyLevel.MENTIONS, null),
                targets.get(2).subscription()));

        post("@here hello", new Mentions(List.of(), true, false));
        assertThat(pushed).isEmpty();

        post("@ben hello", new Mentions(List.of(BEN), false, false));
        assertThat(pushed).containsExactly("https://push.example/3 #room Ann: @ben hello c100");
    }

    @Test
    void aSubscriptionThePushServiceCallsGoneIsDeleted() {
        answer = PushSender.Outcome.GONE;

        post("hello", Mentions.NONE);

        assertThat(deleted).containsExactly("https://push.example/2", "https://push.example/3");
    }
}
