package dev.parley.core.conversation;

import java.time.Instant;

/**
 * A channel or a DM. DMs have no name, topic, visibility or owner. {@code membersMayMentionAll}: a channel
 * setting (owner only) letting members other than the owner use {@code @here} and {@code @channel}.
 */
public record Conversation(long id, ConversationKind kind, String name, String topic, Visibility visibility,
                           Long ownerId, int memberCount, Instant createdAt, boolean membersMayMentionAll) {

    public Conversation(long id, ConversationKind kind, String name, String topic, Visibility visibility,
                        Long ownerId, int memberCount, Instant createdAt) {
        this(id, kind, name, topic, visibility, ownerId, memberCount, createdAt, false);
    }

    public boolean isChannel() {
        return kind == ConversationKind.CHANNEL;
    }

    public boolean isOwner(long userId) {
        return ownerId != null && ownerId == userId;
    }

    /** Whether {@code userId} may mention everyone ({@code @here}, {@code @channel}): never in a DM. */
    public boolean mayMentionAll(long userId) {
        return isChannel() && (isOwner(userId) || membersMayMentionAll);
    }

    public Conversation withMemberCount(int count) {
        return new Conversation(id, kind, name, topic, visibility, ownerId, count, createdAt, membersMayMentionAll);
    }

    public Conversation withOwner(long owner) {
        return new Conversation(id, kind, name, topic, visibility, owner, memberCount, createdAt, membersMayMentionAll);
    }
}
