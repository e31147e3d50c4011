package dev.parley.core.conversation;

import dev.parley.core.Page;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.Principal;
import dev.parley.core.account.ProfileRules;
import dev.parley.core.account.User;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.ConversationLog;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogPosition;
import dev.parley.core.id.Snowflake;
import dev.parley.core.message.MessageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Channels, DMs, memberships and read markers, with who may do what: members see a conversation
 * (others get not_found), only the owner moderates a channel (other members get forbidden).
 */
public final class ConversationService {
    private final ConversationStore store;
    private final AccountStore accounts;
    private final MessageStore messages;
    private final ConversationLog log;
    private final Snowflake ids;
    private final Clock clock;

    public ConversationService(ConversationStore store, AccountStore accounts, MessageStore messages,
                               ConversationLog log, Snowflake ids, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.messages = messages;
        this.log = log;
        this.ids = ids;
        this.clock = clock;
    }

    public ConversationView createChannel(Principal caller, String name, String topic, Visibility visibility) {
        String validName = ChannelRules.name(name);
        String validTopic = topic == null ? "" : ChannelRules.topic(topic);
        Conversation channel = new Conversation(ids.next(), ConversationKind.CHANNEL, validName, validTopic,
                visibility, caller.userId(), 1, clock.instant());
        store.createChannel(channel);
        log.relay(new Ephemeral.ConversationOpened(channel.id(), List.of(caller.userId())));
        return view(caller.userId(), channel.id());
    }

    public ConversationView openDm(Principal caller, String username) {
        User peer = accounts.findByUsername(ProfileRules.normalizeUsername(username))
                .orElseThrow(() -> ParleyException.notFound("user"));
        if (peer.id() == caller.userId()) {
            throw ParleyException.invalid("you cannot open a DM with yourself");
        }
        Conversation dm = store.findOrCreateDm(ids.next(), caller.userId(), peer.id(), clock.instant());
        log.relay(new Ephemeral.ConversationOpened(dm.id(), List.of(caller.userId(), peer.id())));
        return view(caller.userId(), dm.id());
    }

    /** The caller's conversations, most recently active first. */
    public List<ConversationView> list(Principal caller) {
        List<ConversationView> views = new ArrayList<>();
        for (Membership m : store.membershipsOf(caller.userId())) {
            store.find(m.conversationId()).ifPresent(c -> views.add(view(c, m)));
        }
        views.sort(Comparator.comparing(ConversationView::lastActivityAt).reversed()
                .thenComparing(v -> v.conversation().id(), Comparator.reverseOrder()));
        return views;
    }

    public ConversationView get(Principal caller, long conversationId) {
        return view(caller.userId(), conversationId);
    }

    /** The conversation, if the user is a member of it; otherwise not_found, as for one that does not exist. */
    public Conversation requireMember(long conversationId, long userId) {
        Conversation c = store.find(conversationId).orElseThrow(ParleyException::notFoundConversation);
        store.membership(conversationId, userId).orElseThrow(ParleyException::notFoundConversation);
        return c;
    }

    public Page<ConversationView> publicChannels(Principal caller, String query, String cursor, int limit) {
        Page<Conversation> page = store.publicChannels(query == null ? "" : query.strip(), cursor, limit);
        List<ConversationView> views = page.items().stream()
                .map(c -> view(c, store.membership(c.id(), caller.userId()).orElse(null)))
                .toList();
        return new Page<>(views, page.nextCursor());
    }

    public ConversationView update(Principal caller, long channelId, String name, String topic) {
        requireOwner(channelId, caller.userId());
        String validName = name == null ? null : ChannelRules.name(name);
        String validTopic = topic == null ? null : ChannelRules.topic(topic);
        if (validName != null || validTopic != null) {
            store.update(channelId, validName, validTopic);
            log.appendAndWait(new LogEntry.ChangeConversation(channelId, clock.instant()));
        }
        return view(caller.userId(), channelId);
    }

    public void delete(Principal caller, long channelId) {
        requireOwner(channelId, caller.userId());
        remove(channelId);
    }

    public ConversationView join(Principal caller, long channelId) {
        Conversation c = channel(channelId);
        boolean member = store.membership(channelId, caller.userId()).isPresent();
        if (!member) {
            if (c.visibility() != Visibility.PUBLIC) {
                throw ParleyException.notFoundConversation();
            }
            addAndLog(channelId, caller.userId());
        }
        return view(caller.userId(), channelId);
    }

    public void leave(Principal caller, long conversationId) {
        Conversation c = requireMember(conversationId, caller.userId());
        if (!c.isChannel()) {
            throw ParleyException.forbidden("a DM cannot be left");
        }
        removeFromChannel(c, caller.userId());
    }

    public Page<User> members(Principal caller, long conversationId, String cursor, int limit) {
        requireMember(conversationId, caller.userId());
        Page<Long> page = store.members(conversationId, cursor, limit);
        Map<Long, User> users = accounts.findUsers(page.items());
        List<User> members = page.items().stream().map(users::get).filter(u -> u != null).toList();
        return new Page<>(members, page.nextCursor());
    }

    public void addMember(Principal caller, long channelId, long userId) {
        requireOwner(channelId, caller.userId());
        accounts.findUser(userId).orElseThrow(() -> ParleyException.notFound("user"));
        if (store.membership(channelId, userId).isEmpty()) {
            addAndLog(channelId, userId);
        }
    }

    public void removeMember(Principal caller, long channelId, long userId) {
        Conversation c = requireOwner(channelId, caller.userId());
        if (store.membership(channelId, userId).isPresent()) {
            removeFromChannel(c, userId);
        }
    }

    /** Moves the caller's read marker forward (never back, never past the log's end); true if it moved. */
    public boolean markRead(Principal caller, long conversationId, long seq) {
        requireMember(conversationId, caller.userId());
        if (seq < 0) {
            throw ParleyException.invalid("seq must not be negative");
        }
        long upTo = Math.min(seq, messages.position(conversationId).lastSeq());
        boolean moved = store.advanceReadMarker(conversationId, caller.userId(), upTo);
        if (moved) {
            log.relay(new Ephemeral.ReadMarkerMoved(caller.userId(), conversationId, upTo, caller.sessionId()));
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
        User peer = null;
        if (!c.isChannel() && membership != null) {
            peer = dmPeer(c.id(), membership.userId()).orElse(null);
        }
        Instant active = position.lastEventAt() == null ? c.createdAt() : position.lastEventAt();
        return new ConversationView(c, peer, position.lastSeq(), messages.lastMessage(c.id()).orElse(null),
                lastRead, unread, active);
    }

    private Optional<User> dmPeer(long dmId, long userId) {
        return store.members(dmId, null, 2).items().stream()
                .filter(id -> id != userId)
                .findFirst()
                .flatMap(accounts::findUser);
    }

    private Conversation channel(long channelId) {
        Conversation c = store.find(channelId).orElseThrow(ParleyException::notFoundConversation);
        if (!c.isChannel()) {
            throw ParleyException.notFoundConversation();
        }
        return c;
    }

    private Conversation requireOwner(long channelId, long userId) {
        Conversation c = channel(channelId);
        store.membership(channelId, userId).orElseThrow(ParleyException::notFoundConversation);
        if (!c.isOwner(userId)) {
            throw ParleyException.forbidden("only the channel's owner may do that");
        }
        return c;
    }

    private void addAndLog(long channelId, long userId) {
        if (store.addMember(channelId, userId, clock.instant())) {
            log.appendAndWait(new LogEntry.AddMember(channelId, userId, clock.instant()));
        }
    }

    /** Removes a member; an owner who goes hands the channel to the longest-standing member, the last one deletes it. */
    private void removeFromChannel(Conversation c, long userId) {
        if (c.isOwner(userId)) {
            Optional<Long> heir = store.longestStandingMember(c.id(), userId);
            if (heir.isEmpty()) {
                remove(c.id());
                return;
            }
            store.setOwner(c.id(), heir.get());
        }
        if (store.removeMember(c.id(), userId)) {
            log.appendAndWait(new LogEntry.RemoveMember(c.id(), userId, clock.instant()));
        }
        if (c.isOwner(userId)) {
            log.appendAndWait(new LogEntry.ChangeConversation(c.id(), clock.instant()));
        }
    }

    private void remove(long channelId) {
        store.markDeleted(channelId);
        log.appendAndWait(new LogEntry.RemoveConversation(channelId, clock.instant()));
    }
}
