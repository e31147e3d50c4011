package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.Membership;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.Futures;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogListener;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import dev.parley.core.notification.NotifyLevel;
import dev.parley.core.notification.PushSubscription;
import dev.parley.core.notification.PushSubscriptionStore;
import dev.parley.core.notification.PushTarget;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mentions as the log's writer keeps them and every read gives them back, unread-mention counts, the channel
 * setting that lets members mention everyone, notification settings and push subscriptions. Subclass once per
 * adapter: {@link #newBackend} opens the stores, {@link #pushSubscriptions} the push store on the same database.
 */
public abstract class MentionsAndNotificationsContract {
    private Backend backend;
    private PushSubscriptionStore push;
    private Instant clock = UniqueIds.nowMillis();

    protected abstract Backend newBackend(LogListener listener);

    /** The push subscription store on the database {@link #newBackend} opened last. */
    protected abstract PushSubscriptionStore pushSubscriptions();

    @BeforeEach
    void open() {
        backend = newBackend(LogListener.NONE);
        push = pushSubscriptions();
    }

    @AfterEach
    void close() throws Exception {
        backend.log().close();
        backend.resources().close();
    }

    private synchronized Instant tick() {
        clock = clock.plusMillis(1000);
        return clock;
    }

    private User user() {
        return backend.user();
    }

    private Conversation room(User owner, User... members) {
        Conversation c = backend.channel(owner, UniqueIds.name("room"), Visibility.PRIVATE, tick());
        for (User m : members) {
            Futures.await(backend.log().append(new LogEntry.AddMember(c.id(), m, owner.id(), tick())));
        }
        return c;
    }

    private Message post(Conversation c, User author, Mentions mentions) {
        var entry = new LogEntry.PostMessage(c.id(), UniqueIds.next(), author.id(), "hello", "n" + UniqueIds.next(), null,
                tick(), mentions);
        return ((LogEvent.MessagePosted) Futures.await(backend.log().append(entry)).event()).message();
    }

    private static Mentions named(User... users) {
        return new Mentions(List.of(users).stream().map(User::id).toList(), false, false);
    }

    @Test
    void theWriterKeepsOnlyMembersAndEveryReadGivesThemBack() {
        User owner = user();
        User ann = user();
        User stranger = user();
        Conversation c = room(owner, ann);

        Message m = post(c, owner, new Mentions(List.of(ann.id(), stranger.id()), true, true));

        Mentions kept = new Mentions(List.of(ann.id()), true, true);
        assertThat(m.mentions()).isEqualTo(kept);
        assertThat(backend.messages().find(c.id(), m.id()).orElseThrow().mentions()).isEqualTo(kept);
        assertThat(backend.messages().findByNonce(c.id(), owner.id(), m.nonce()).orElseThrow().mentions()).isEqualTo(kept);
        assertThat(backend.messages().before(c.id(), null, 10).get(0).mentions()).isEqualTo(kept);
        assertThat(backend.messages().after(c.id(), 0, 10).get(0).mentions()).isEqualTo(kept);
        assertThat(backend.messages().lastMessage(c.id()).orElseThrow().mentions()).isEqualTo(kept);
        LogEvent.MessagePosted replayed = (LogEvent.MessagePosted) backend.messages().eventsAfter(c.id(), m.seq() - 1, 1).get(0);
        assertThat(replayed.message()).isEqualTo(m);
    }

    @Test
    void membersMentionEveryoneOnlyWhenTheOwnerAllowsIt() {
        User owner = user();
        User ann = user();
        Conversation c = room(owner, ann);

        assertThat(post(c, ann, new Mentions(List.of(), true, true)).mentions()).isEqualTo(Mentions.NONE);

        LogEvent changed = Futures.await(backend.log().append(
                new LogEntry.ChangeConversation(c.id(), owner.id(), null, null, true, tick()))).event();
        assertThat(((LogEvent.ConversationChanged) changed).conversation().membersMayMentionAll()).isTrue();
        assertThat(backend.conversations().find(c.id()).orElseThrow().membersMayMentionAll()).isTrue();
        LogEvent replayed = backend.messages().eventsAfter(c.id(), changed.seq() - 1, 1).get(0);
        assertThat(((LogEvent.ConversationChanged) replayed).conversation().membersMayMentionAll()).isTrue();

        assertThat(post(c, ann, new Mentions(List.of(), true, false)).mentions().here()).isTrue();
    }

    @Test
    void anEditResolvesMentionsAgain() {
        User owner = user();
        User ann = user();
        User ben = user();
        Conversation c = room(owner, ann, ben);
        Message m = post(c, owner, named(ann));

        Futures.await(backend.log().append(new LogEntry.EditMessage(c.id(), m.id(), owner.id(), "now ben", tick(), named(ben))));

        assertThat(backend.messages().find(c.id(), m.id()).orElseThrow().mentions()).isEqualTo(named(ben));
        assertThat(backend.messages().mentionCount(c.id(), ann.id(), 0)).isZero();
        assertThat(backend.messages().mentionCount(c.id(), ben.id(), 0)).isEqualTo(1);
    }

    @Test
    void mentionCountCountsUnreadMessagesNamingTheUserOrEveryoneButNotTheirOwnOrDeletedOnes() {
        User owner = user();
        User ann = user();
        User ben = user();
        Conversation c = room(owner, ann, ben);
        Message first = post(c, owner, named(ann));
        post(c, owner, new Mentions(List.of(), false, true));
        post(c, ben, named(ben));
        Message deleted = post(c, owner, named(ann, ben));
        post(c, owner, Mentions.NONE);
        Futures.await(backend.log().append(new LogEntry.DeleteMessage(c.id(), deleted.id(), owner.id(), tick())));

        assertThat(backend.messages().mentionCount(c.id(), ann.id(), 0)).isEqualTo(2);
        assertThat(backend.messages().mentionCount(c.id(), ann.id(), first.seq())).isEqualTo(1);
        assertThat(backend.messages().mentionCount(c.id(), ben.id(), 0)).isEqualTo(1);
        assertThat(backend.messages().mentionCount(c.id(), owner.id(), 0)).isZero();
    }

    @Test
    void notificationSettingsAreKeptPerMemberAndForgottenOnLeaving() {
        User owner = user();
        User ann = user();
        Conversation c = room(owner, ann);
        Instant until = tick().plusSeconds(3600);

        assertThat(backend.conversations().setNotifications(c.id(), ann.id(), NotifyLevel.NONE, until)).isTrue();

        Membership m = backend.conversations().membership(c.id(), ann.id()).orElseThrow();
        assertThat(m.notifyLevel()).isEqualTo(NotifyLevel.NONE);
        assertThat(m.mutedUntil()).isEqualTo(until);
        assertThat(backend.conversations().membershipsOf(ann.id())).contains(m);
        assertThat(backend.conversations().membership(c.id(), owner.id()).orElseThrow().notifyLevel()).isNull();
        assertThat(backend.conversations().setNotifications(c.id(), user().id(), NotifyLevel.ALL, null)).isFalse();

        backend.conversations().setNotifications(c.id(), ann.id(), null, null);
        assertThat(backend.conversations().membership(c.id(), ann.id()).orElseThrow())
                .extracting(Membership::notifyLevel, Membership::mutedUntil).containsExactly(null, null);
    }

    @Test
    void pushSubscriptionsAreFoundForOtherMembersWithTheirSettings() {
        User owner = user();
        User ann = user();
        User outsider = user();
        Conversation c = room(owner, ann);
        backend.conversations().setNotifications(c.id(), ann.id(), NotifyLevel.MENTIONS, null);
        String endpoint = "https://push.example/" + UniqueIds.next();
        long annId = push.add(new PushSubscription(UniqueIds.next(), ann.id(), endpoint, "key", "auth", tick()));
        push.add(new PushSubscription(UniqueIds.next(), owner.id(), "https://push.example/" + UniqueIds.next(), "k", "a", tick()));
        push.add(new PushSubscription(UniqueIds.next(), outsider.id(), "https://push.example/" + UniqueIds.next(), "k", "a", tick()));

        List<PushTarget> targets = push.targets(c.id(), owner.id());

        assertThat(targets).hasSize(1);
        assertThat(targets.get(0).subscription().id()).isEqualTo(annId);
        assertThat(targets.get(0).subscription().endpoint()).isEqualTo(endpoint);
        assertThat(targets.get(0).membership().userId()).isEqualTo(ann.id());
        assertThat(targets.get(0).membership().notifyLevel()).isEqualTo(NotifyLevel.MENTIONS);
    }

    @Test
    void anEndpointBelongsToOneSubscriptionAndDeletionsAreTheOwners() {
        User ann = user();
        User ben = user();
        String endpoint = "https://push.example/" + UniqueIds.next();
        long first = push.add(new PushSubscription(UniqueIds.next(), ann.id(), endpoint, "k1", "a1", tick()));
        long second = push.add(new PushSubscription(UniqueIds.next(), ben.id(), endpoint, "k2", "a2", tick()));

        assertThat(push.find(first)).isEmpty();
        assertThat(push.find(second).orElseThrow().userId()).isEqualTo(ben.id());
        assertThat(push.count(ann.id())).isZero();
        assertThat(push.count(ben.id())).isEqualTo(1);
        assertThat(push.delete(ann.id(), second)).isFalse();
        assertThat(push.delete(ben.id(), second)).isTrue();
        assertThat(push.find(second)).isEmpty();

        long third = push.add(new PushSubscription(UniqueIds.next(), ann.id(), endpoint, "k3", "a3", tick()));
        push.deleteEndpoint(endpoint);
        assertThat(push.find(third)).isEmpty();
    }
}
