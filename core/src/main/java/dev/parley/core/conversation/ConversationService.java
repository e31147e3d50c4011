package dev.parley.core.conversation;

import dev.parley.core.Page;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.Principal;
import dev.parley.core.account.ProfileRules;
import dev.parley.core.account.User;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.EventPublisher;
import dev.parley.core.event.Futures;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogPosition;
import dev.parley.core.event.MessageLog;
import dev.parley.core.id.Snowflake;
import dev.parley.core.message.MessageStore;
import dev.parley.core.notification.NotificationRules;
import dev.parley.core.notification.NotifyLevel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Channels, DMs, memberships and read markers. Who may change a channel is decided by the log's writer
 * ({@code LogRules}) in the same step as the change; reads check membership here: members see a conversation,
 * others get not_found.
 */
public final class ConversationService {
    /** Presence and profile changes are pushed to every member of DMs and of channels up to this size. */
    public static final int AUDIENCE_MAX_MEMBERS = 1_000;

    private final ConversationStore store;
    private final AccountStore accounts;
    private final MessageStore messages;
    private final MessageLog log;
    private final EventPublisher publisher;
    private final Snowflake ids;
    private final Clock clock;

    public ConversationService(ConversationStore store, AccountStore accounts, MessageStore messages, MessageLog log,
                               EventPublisher publisher, Snowflake ids, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.messages = messages;
        this.log = log;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    public ConversationView createChannel(Principal caller, String name, String topic, Visibility visibility) {
        caller.scope().requireUnrestricted();
        String validName = ChannelRules.name(name);
        String validTopic = topic == null ? "" : ChannelRules.topic(topic);
        Conversation channel = new Conversation(ids.next(), ConversationKind.CHANNEL, validName, validTopic,
                visibility, caller.userId(), 1, clock.instant());
        store.createChannel(channel);
        Futures.await(log.opened(channel, List.of(caller.userId())));
        publisher.publish(new Ephemeral.ConversationOpened(channel, List.of(user(caller.userId())), 0));
        return view(caller.userId(), channel.id());
    }

    public ConversationView openDm(Principal caller, String username) {
        caller.scope().requireUnrestricted();
        User peer = accounts.findByUsername(ProfileRules.normalizeUsername(username))
                .orElseThrow(() -> ParleyException.notFound("user"));
        if (peer.id() == caller.userId()) {
            throw ParleyException.invalid("you cannot open a DM with yourself");
        }
        long newId = ids.next();
        Conversation dm = store.findOrCreateDm(newId, caller.userId(), peer.id(), clock.instant());
        if (dm.id() == newId) {
            Futures.await(log.opened(dm, List.of(caller.userId(), peer.id())));
        }
        ConversationView view = view(caller.userId(), dm.id());
        publisher.publish(new Ephemeral.ConversationOpened(dm, List.of(user(caller.userId()), peer), view.lastSeq()));
        return view;
    }

    /** The caller's conversations, most recently active first. */
    public List<ConversationView> list(Principal caller) {
        List<ConversationView> views = new ArrayList<>();
        for (Membership m : store.membershipsOf(caller.userId())) {
            if (caller.scope().covers(m.conversationId())) {
                store.find(m.conversationId()).ifPresent(c -> views.add(view(c, m)));
            }
        }
        views.sort(Comparator.comparing(ConversationView::lastActivityAt).reversed()
                .thenComparing(v -> v.conversation().id(), Comparator.reverseOrder()));
        return views;
    }

    public ConversationView get(Principal caller, long conversationId) {
        caller.scope().requireRead(conversationId);
        return view(caller.userId(), conversationId);
    }

    /** The conversation, if the caller is a member and their token covers it; otherwise not_found. */
    public Conversation requireMember(Principal caller, long conversationId) {
        caller.scope().requireRead(conversationId);
        return requireMember(conversationId, caller.userId());
    }

    /** As {@link #requireMember(Principal, long)}, for a change: a read-only token is forbidden. */
    public Conversation requireSender(Principal caller, long conversationId) {
        caller.scope().requireSend(conversationId);
        return requireMember(conversationId, caller.userId());
    }

    /** The conversation, if the user is a member of it; otherwise not_found, as for one that does not exist. */
    public Conversation requireMember(long conversationId, long userId) {
        Conversation c = store.find(conversationId).orElseThrow(ParleyException::notFoundConversation);
        if (!store.isMember(conversationId, userId)) {
            throw ParleyException.notFoundConversation();
        }
        return c;
    }

    /** The conversations whose members see this user's presence and profile changes: DMs and small channels. */
    public List<Long> audience(long userId) {
        List<Long> audience = new ArrayList<>();
        for (Membership m : store.membershipsOf(userId)) {
            store.find(m.conversationId())
                    .filter(c -> !c.isChannel() || c.memberCount() <= AUDIENCE_MAX_MEMBERS)
                    .ifPresent(c -> audience.add(c.id()));
        }
        return audience;
    }

    public Page<ConversationView> publicChannels(Principal caller, String query, String cursor, int limit) {
        Page<Conversation> page = store.publicChannels(query == null ? "" : query.strip(), cursor, limit);
        List<ConversationView> views = page.items().stream()
                .map(c -> view(c, store.membership(c.id(), caller.userId()).orElse(null)))
                .toList();
        return new Page<>(views, page.nextCursor());
    }

    public ConversationView update(Principal caller, long channelId, String name, String topic) {
        return update(caller, channelId, name, topic, null);
    }

    /** Renames, changes the topic and/or whether members may mention everyone (owner only); null fields stay. */
    public ConversationView update(Principal caller, long channelId, String name, String topic,
                                   Boolean membersMayMentionAll) {
        String validName = name == null ? null : ChannelRules.name(name);
        String validTopic = topic == null ? null : ChannelRules.topic(topic);
        caller.scope().requireSend(channelId);
        append(new LogEntry.ChangeConversation(channelId, caller.userId(), validName, validTopic, membersMayMentionAll,
                clock.instant()));
        return view(caller.userId(), channelId);
    }

    /**
     * Sets the caller's notification settings of a conversation; their devices are told. {@code mutedUntil} null
     * (or past) unmutes.
     */
    public void setNotifications(Principal caller, long conversationId, NotifyLevel notify, Instant mutedUntil) {
        requireMember(caller, conversationId);
        if (!store.setNotifications(conversationId, caller.userId(), notify, mutedUntil)) {
            throw ParleyException.notFoundConversation();
        }
        publisher.publish(new Ephemeral.NotificationSettingsChanged(caller.userId(), conversationId, notify, mutedUntil));
    }

    public void delete(Principal caller, long channelId) {
        caller.scope().requireSend(channelId);
        append(new LogEntry.RemoveConversation(channelId, caller.userId(), clock.instant()));
    }

    public ConversationView join(Principal caller, long channelId) {
        caller.scope().requireSend(channelId);
        append(new LogEntry.Join(channelId, user(caller.userId()), clock.instant()));
        return view(caller.userId(), channelId);
    }

    public void leave(Principal caller, long conversationId) {
        caller.scope().requireSend(conversationId);
        append(new LogEntry.Leave(conversationId, user(caller.userId()), clock.instant()));
    }

    public Page<User> members(Principal caller, long conversationId, String cursor, int limit) {
        requireMember(caller, conversationId);
        Page<Long> page = store.members(conversationId, cursor, limit);
        Map<Long, User> users = accounts.findUsers(page.items());
        List<User> members = page.items().stream().map(users::get).filter(u -> u != null).toList();
        return new Page<>(members, page.nextCursor());
    }

    public void addMember(Principal caller, long channelId, long userId) {
        caller.scope().requireSend(channelId);
        append(new LogEntry.AddMember(channelId, user(userId), caller.userId(), clock.instant()));
    }

    public void removeMember(Principal caller, long channelId, long userId) {
        caller.scope().requireSend(channelId);
        append(new LogEntry.RemoveMember(channelId, user(userId), caller.userId(), clock.instant()));
    }

    /** The owner bans a user: removed if a member, and refused as a joiner or a new member until unbanned. */
    public void ban(Principal caller, long channelId, long userId) {
        caller.scope().requireSend(channelId);
        append(new LogEntry.Ban(channelId, user(userId), caller.userId(), clock.instant()));
    }

    public void unban(Principal caller, long channelId, long userId) {
        caller.scope().requireSend(channelId);
        user(userId);
        append(new LogEntry.Unban(channelId, userId, caller.userId(), clock.instant()));
    }

    /** The users banned from a channel; only its owner sees them. */
    public List<User> bans(Principal caller, long channelId) {
        Conversation c = requireMember(caller, channelId);
        if (!c.isChannel()) {
            throw ParleyException.notFoundConversation();
        }
        if (!c.isOwner(caller.userId())) {
            throw ParleyException.forbidden("only the channel's owner may do that");
        }
        List<Long> ids = store.bannedUsers(channelId);
        Map<Long, User> users = accounts.findUsers(ids);
        return ids.stream().map(users::get).filter(u -> u != null).toList();
    }

    /** A user leaves every channel they are in (their account is being deleted); DMs stay. */
    public void leaveEveryChannel(long userId) {
        User member = user(userId);
        for (Membership m : store.membershipsOf(userId)) {
            if (store.find(m.conversationId()).map(Conversation::isChannel).orElse(false)) {
                try {
                    append(new LogEntry.Leave(m.conversationId(), member, clock.instant()));
                } catch (ParleyException gone) {
                    // left or deleted meanwhile
                }
            }
        }
    }

    /** Moves the caller's read marker forward (never back, never past the log's end); true if it moved. */
    public boolean markRead(Principal caller, long conversationId, long seq) {
        return markRead(caller, conversationId, seq, null);
    }

    /** As {@link #markRead(Principal, long, long)}, from the socket tagged {@code originConnection} (null: not a socket). */
    public boolean markRead(Principal caller, long conversationId, long seq, String originConnection) {
        requireMember(caller, conversationId);
        if (seq < 0) {
            throw ParleyException.invalid("seq must not be negative");
        }
        long upTo = Math.min(seq, messages.position(conversationId).lastSeq());
        boolean moved = store.advanceReadMarker(conversationId, caller.userId(), upTo);
        if (moved) {
            publisher.publish(new Ephemeral.ReadMarkerMoved(caller.userId(), conversationId, upTo, caller.sessionId(),
                    originConnection));
        }
        return moved;
    }

    /** The conversation as {@code userId} sees it, who must be a member. */
    public ConversationView view(long userId, long conversationId) {
        Conversation c = requireMember(conversationId, userId);
        return view(c, store.membership(conversationId, userId).orElseThrow(ParleyException::notFoundConversation));
    }

    private ConversationView view(Conversation c, Membership membership) {
        LogPosition position = messages.position(c.id());
        long lastRead = membership == null ? 0 : membership.lastReadSeq();
        long unread = membership == null ? 0 : messages.unreadCount(c.id(), membership.userId(), lastRead);
        long mentions = unread == 0 ? 0 : messages.mentionCount(c.id(), membership.userId(), lastRead);
        User peer = null;
        if (!c.isChannel() && membership != null) {
            peer = dmPeer(c.id(), membership.userId()).orElse(null);
        }
        Instant active = position.lastEventAt() == null ? c.createdAt() : position.lastEventAt();
        NotifyLevel notify = NotificationRules.effective(c, membership == null ? null : membership.notifyLevel());
        return new ConversationView(c, peer, position.lastSeq(), messages.lastMessage(c.id()).orElse(null),
                lastRead, unread, active, mentions, notify, membership == null ? null : membership.mutedUntil());
    }

    private Optional<User> dmPeer(long dmId, long userId) {
        return store.members(dmId, null, 2).items().stream()
                .filter(id -> id != userId)
                .findFirst()
                .flatMap(accounts::findUser);
    }

    private User user(long userId) {
        return accounts.findUser(userId).orElseThrow(() -> ParleyException.notFound("user"));
    }

    private void append(LogEntry entry) {
        Futures.await(log.append(entry));
    }
}
