package dev.parley.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.Page;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Membership;
import dev.parley.core.notification.NotifyLevel;
import dev.parley.core.event.LogEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Conversations and memberships read through Caffeine, so a warm send reads no store before the log. Only
 * what exists is cached (a conversation, a user being a member): a new member is never refused from a stale
 * entry. Entries are dropped by the log events that change them, which reach every node through the relay
 * ({@link #changed}), and all of them when the relay may have lost events; a time-to-live bounds what a lost
 * invalidation can leave stale. The log's writer checks membership again for every change, so a stale entry
 * can never let a former member write.
 */
public final class CachingConversationStore implements ConversationStore {
    private static final Duration TTL = Duration.ofMinutes(1);

    private record Member(long conversationId, long userId) {
    }

    private final ConversationStore store;
    private final Cache<Long, Conversation> conversations;
    private final Cache<Member, Boolean> members;

    public CachingConversationStore(ConversationStore store, long maxEntries) {
        this.store = store;
        this.conversations = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(TTL).build();
        this.members = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(TTL).build();
    }

    /** Drops what a log event changed. */
    public void changed(LogEvent event) {
        switch (event) {
            case LogEvent.MemberAdded a -> conversations.invalidate(a.conversationId());
            case LogEvent.MemberRemoved r -> {
                members.invalidate(new Member(r.conversationId(), r.member().id()));
                conversations.invalidate(r.conversationId());
            }
            case LogEvent.ConversationChanged c -> conversations.invalidate(c.conversationId());
            case LogEvent.ConversationRemoved r -> conversations.invalidate(r.conversationId());
            case LogEvent.MessagePosted p -> { }
            case LogEvent.MessageEdited e -> { }
            case LogEvent.MessageDeleted d -> { }
        }
    }

    public void invalidateAll() {
        conversations.invalidateAll();
        members.invalidateAll();
    }

    /**
     * Loads through the cache's own per-key computation: an invalidation that arrives while the store is being
     * read waits for it and then drops what it read, so a read from before a change never outlives the change.
     */
    @Override
    public Optional<Conversation> find(long conversationId) {
        return Optional.ofNullable(conversations.get(conversationId, id -> store.find(id).orElse(null)));
    }

    @Override
    public boolean isMember(long conversationId, long userId) {
        return members.get(new Member(conversationId, userId),
                key -> store.isMember(key.conversationId(), key.userId()) ? Boolean.TRUE : null) != null;
    }

    @Override
    public void createChannel(Conversation channel) {
        store.createChannel(channel);
    }

    @Override
    public Conversation findOrCreateDm(long newId, long userA, long userB, Instant now) {
        return store.findOrCreateDm(newId, userA, userB, now);
    }

    @Override
    public Optional<Membership> membership(long conversationId, long userId) {
        return store.membership(conversationId, userId);
    }

    @Override
    public List<Membership> membershipsOf(long userId) {
        return store.membershipsOf(userId);
    }

    @Override
    public Page<Long> members(long conversationId, String cursor, int limit) {
        return store.members(conversationId, cursor, limit);
    }

    @Override
    public Page<Conversation> publicChannels(String query, String cursor, int limit) {
        return store.publicChannels(query, cursor, limit);
    }

    @Override
    public boolean advanceReadMarker(long conversationId, long userId, long seq) {
        return store.advanceReadMarker(conversationId, userId, seq);
    }

    @Override
    public boolean setNotifications(long conversationId, long userId, NotifyLevel notify, Instant mutedUntil) {
        return store.setNotifications(conversationId, userId, notify, mutedUntil);
    }

    @Override
    public List<Long> bannedUsers(long conversationId) {
        return store.bannedUsers(conversationId);
    }
}
