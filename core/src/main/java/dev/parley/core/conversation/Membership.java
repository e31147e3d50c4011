package dev.parley.core.conversation;

import java.time.Instant;

/** A user's place in a conversation and how far they have read. */
public record Membership(long conversationId, long userId, Instant joinedAt, long lastReadSeq) {
}
