package dev.parley.core.conversation;

import dev.parley.core.notification.NotifyLevel;
import java.time.Instant;

/**
 * A user's place in a conversation, how far they have read, and their notification settings there: {@code notify}
 * null while they chose nothing (the conversation's default applies), {@code mutedUntil} null when not muted.
 */
public record Membership(long conversationId, long userId, Instant joinedAt, long lastReadSeq, NotifyLevel notifyLevel,
                         Instant mutedUntil) {

    public Membership(long conversationId, long userId, Instant joinedAt, long lastReadSeq) {
        this(conversationId, userId, joinedAt, lastReadSeq, null, null);
    }
}
