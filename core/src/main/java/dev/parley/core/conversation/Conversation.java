package dev.parley.core.conversation;

import java.time.Instant;

/** A channel or a DM. DMs have no name, topic, visibility or owner. */
public record Conversation(long id, ConversationKind kind, String name, String topic, Visibility visibility,
                           Long ownerId, int memberCount, Instant createdAt) {

    public boolean isChannel() {
        return kind == ConversationKind.CHANNEL;
    }

    public boolean isOwner(long userId) {
        return ownerId != null && ownerId == userId;
    }
}
