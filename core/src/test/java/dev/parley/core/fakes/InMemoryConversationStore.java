package dev.parley.core.fakes;

import dev.parley.core.Page;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Membership;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.notification.NotifyLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Conversations and memberships in lists; memberships keep join order. Cursors are list offsets. Membership and
 * channel changes come from {@link InMemoryMessageLog}, as from a real log's writer.
 */
public final class InMemoryConversationStore implements ConversationStore {
    private final Map<Long, Conversation> conversations = new HashMap<>();
    private final Set<Long> deleted = new HashSet<>();
    private final List<Membership> memberships = new ArrayList<>();
    /** Banned user ids per channel, most recent last. */
    private final Map<Long, List<Long>> bans = new HashMap<>();

    @Override
    public synchronized void createChannel(Conversation channel) {
        conversations.put(channel.id(), channel);
        memberships.add(new Membership(channel.id(), channel.ownerId(), channel.createdAt(), 0));
    }

    @Override
    public synchronized Conversation findOrCreateDm(long newId, long userA, long userB, Instant now) {
        for (Conversation c : conversations.values()) {
            if (c.kind() == ConversationKind.DM && membership(c.id(), userA).isPresent()
                    && membership(c.id(), userB).isPresent()) {
                return c;
            }
        }
        Conversation dm = new Conversation(newId, ConversationKind.DM, null, null, null, null, 2, now);
        conversations.put(newId, dm);
        memberships.add(new Membership(newId, userA, now, 0));
        memberships.add(new Membership(newId, userB, now, 0));
        return dm;
    }

    @Override
    public synchronized Optional<Conversation> find(long conversationId) {
        if (deleted.contains(conversationId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(conversations.get(conversationId)).map(this::withCount);
    }

    @Override
    public synchronized Optional<Membership> membership(long conversationId, long userId) {
        return memberships.stream()
                .filter(m -> m.conversationId() == conversationId && m.userId() == userId && !deleted.contains(conversationId))
                .findFirst();
    }

    @Override
    public synchronized List<Membership> membershipsOf(long userId) {
        return memberships.stream().filter(m -> m.userId() == userId && !deleted.contains(m.conversationId())).toList();
    }

    @Override
    public synchronized Page<Long> members(long conversationId, String cursor, int limit) {
        List<Long> all = memberships.stream().filter(m -> m.conversationId() == conversationId).map(Membership::userId).toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    // ---- the writes the message log's writer makes (InMemoryMessageLog), not part of the port

    public synchronized void addMember(long conversationId, long userId, Instant joinedAt, long lastReadSeq) {
        memberships.add(new Membership(conversationId, userId, joinedAt, lastReadSeq));
    }

    public synchronized void removeMember(long conversationId, long userId) {
        memberships.removeIf(m -> m.conversationId() == conversationId && m.userId() == userId);
    }

    public synchronized Optional<Long> longestStandingMember(long conversationId, long excludedUserId) {
        return memberships.stream().filter(m -> m.conversationId() == conversationId && m.userId() != excludedUserId)
                .map(Membership::userId).findFirst();
    }

    /** Stores the channel's name, topic and owner as an event left them. */
    public synchronized void replace(Conversation after) {
        conversations.put(after.id(), after);
    }

    public synchronized void markDeleted(long conversationId) {
        deleted.add(conversationId);
    }

    public synchronized void setBanned(long conversationId, long userId, boolean banned) {
        List<Long> banned0 = bans.computeIfAbsent(conversationId, k -> new ArrayList<>());
        banned0.remove(userId);
        if (banned) {
            banned0.add(userId);
        }
    }

    public synchronized boolean isBanned(long conversationId, long userId) {
        return bans.getOrDefault(conversationId, List.of()).contains(userId);
    }

    @Override
    public synchronized List<Long> bannedUsers(long conversationId) {
        List<Long> out = new ArrayList<>(bans.getOrDefault(conversationId, List.of()));
        java.util.Collections.reverse(out);
        return out;
    }

    @Override
    public synchronized Page<Conversation> publicChannels(String query, String cursor, int limit) {
        String q = query.toLowerCase(Locale.ROOT);
        List<Conversation> all = conversations.values().stream()
                .filter(c -> c.visibility() == Visibility.PUBLIC && !deleted.contains(c.id()))
                .filter(c -> c.name().toLowerCase(Locale.ROOT).contains(q))
                .sorted(Comparator.comparingLong(Conversation::id).reversed())
                .map(this::withCount)
                .toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    @Override
    public synchronized boolean advanceReadMarker(long conversationId, long userId, long seq) {
        for (int i = 0; i < memberships.size(); i++) {
            Membership m = memberships.get(i);
            if (m.conversationId() == conversationId && m.userId() == userId && m.lastReadSeq() < seq) {
                memberships.set(i, new Membership(conversationId, userId, m.joinedAt(), seq, m.notifyLevel(), m.mutedUntil()));
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized boolean setNotifications(long conversationId, long userId, NotifyLevel notify, Instant mutedUntil) {
        for (int i = 0; i < memberships.size(); i++) {
            Membership m = memberships.get(i);
            if (m.conversationId() == conversationId && m.userId() == userId) {
                memberships.set(i, new Membership(conversationId, userId, m.joinedAt(), m.lastReadSeq(), notify, mutedUntil));
                return true;
            }
        }
        return false;
    }

    private Conversation withCount(Conversation c) {
        int count = (int) memberships.stream().filter(m -> m.conversationId() == c.id()).count();
        return c.withMemberCount(count);
    }
}
