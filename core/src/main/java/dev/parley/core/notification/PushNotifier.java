package dev.parley.core.notification;

import dev.parley.core.account.AccountStore;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogListener;
import dev.parley.core.message.Message;
import dev.parley.core.presence.PresenceRecord;
import dev.parley.core.presence.PresenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends Web Push for new messages to members who have no connected device. It listens to the log's writer, so each
 * message is considered exactly once in a deployment: by the node whose writer committed it, after the commit. The
 * work happens on {@code executor}, one task per committed batch (bounded; when it is full the batch's pushes are
 * dropped and counted), never on the writer's thread.
 *
 * <p>For a new message: the members with a subscription (other than the author) whose settings say it notifies
 * them ({@link NotificationRules}, as offline users), who have no live connection anywhere in the deployment
 * ({@link PresenceStore}, per-connection leases). Bursts collapse per user and conversation: after a push, that
 * user gets no other push for that conversation for {@code collapse} (as seen by this node; in a cluster each node
 * keeps its own window), and every push of a conversation carries one Web Push {@code Topic}, so a push service
 * holding an undelivered one replaces it. A subscription the push service says is gone is deleted.
 */
public final class PushNotifier implements LogListener {
    private static final System.Logger LOG = System.getLogger(PushNotifier.class.getName());
    private static final int PREVIEW_CHARS = 200;
    private static final int PRUNE_ABOVE = 10_000;

    private record Key(long userId, long conversationId) {
    }

    private final PushSubscriptionStore subscriptions;
    private final ConversationStore conversations;
    private final AccountStore accounts;
    private final PresenceStore presence;
    private final PushSender sender;
    private final Executor executor;
    private final Clock clock;
    private final Duration collapse;
    private final Map<Key, Instant> lastPush = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    public PushNotifier(PushSubscriptionStore subscriptions, ConversationStore conversations, AccountStore accounts,
                        PresenceStore presence, PushSender sender, Executor executor, Clock clock, Duration collapse) {
        this.subscriptions = subscriptions;
        this.conversations = conversations;
        this.accounts = accounts;
        this.presence = presence;
        this.sender = sender;
        this.executor = executor;
        this.clock = clock;
        this.collapse = collapse;
    }

    @Override
    public void committed(List<LogEvent> events) {
        List<Message> posted = new ArrayList<>(0);
        for (LogEvent event : events) {
            if (event instanceof LogEvent.MessagePosted p) {
                posted.add(p.message());
            }
        }
        if (posted.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> posted.forEach(this::considerOrLog));
        } catch (RejectedExecutionException full) {
            dropped.addAndGet(posted.size());
        }
    }

    private void considerOrLog(Message m) {
        try {
            consider(m);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "push for message " + m.id() + " not sent: " + e, e);
        }
    }

    /** New messages not considered for pushes because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    void consider(Message m) {
        Conversation c = conversations.find(m.conversationId()).orElse(null);
        if (c == null) {
            return;
        }
        Instant now = clock.instant();
        List<PushTarget> targets = subscriptions.targets(c.id(), m.authorId()).stream()
                .filter(t -> NotificationRules.notifies(c, t.membership().notifyLevel(), t.membership().mutedUntil(), m,
                        t.membership().userId(), false, now))
                .toList();
        if (targets.isEmpty()) {
            return;
        }
        Set<Long> users = new LinkedHashSet<>();
        targets.forEach(t -> users.add(t.membership().userId()));
        Map<Long, PresenceRecord> records = presence.read(users, now);
        Set<Long> due = new LinkedHashSet<>();
        for (long user : users) {
            PresenceRecord r = records.getOrDefault(user, PresenceRecord.NEVER);
            if (r.liveConnections() == 0 && claim(new Key(user, c.id()), now)) {
                due.add(user);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        PushMessage message = message(c, m);
        String topic = "c" + c.id();
        List<PushSubscription> to = new ArrayList<>();
        targets.stream().filter(t -> due.contains(t.membership().userId())).forEach(t -> to.add(t.subscription()));
        for (PushSubscription s : to) {
            sender.send(s, message, topic).thenAccept(outcome -> {
                if (outcome == PushSender.Outcome.GONE) {
                    subscriptions.deleteEndpoint(s.endpoint());
                }
            });
        }
    }

    /** True if the user may get a push for the conversation now (and starts a new window), false in a window. */
    private boolean claim(Key key, Instant now) {
        if (lastPush.size() > PRUNE_ABOVE) {
            lastPush.values().removeIf(at -> !at.plus(collapse).isAfter(now));
        }
        boolean[] claimed = {false};
        lastPush.compute(key, (k, last) -> {
            if (last != null && last.plus(collapse).isAfter(now)) {
                return last;
            }
            claimed[0] = true;
            return now;
        });
        return claimed[0];
    }

    private PushMessage message(Conversation c, Message m) {
        User author = accounts.findUser(m.authorId()).orElse(null);
        String name = author == null ? "Someone" : author.displayName();
        String preview = m.content().length() > PREVIEW_CHARS
                ? m.content().substring(0, PREVIEW_CHARS - 1) + "…" : m.content();
        return c.isChannel()
                ? new PushMessage(c.id(), m.id(), m.seq(), "#" + c.name(), name + ": " + preview)
                : new PushMessage(c.id(), m.id(), m.seq(), name, preview);
    }
}
