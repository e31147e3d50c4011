package dev.parley.core.message;

import java.time.Instant;

/**
 * A message in its current state (edits applied). {@code seq} is that of the log event that created it.
 * A deleted message keeps its id and seq, with empty content.
 */
public record Message(long id, long conversationId, long seq, long authorId, String content, Instant createdAt,
                      Instant editedAt, boolean deleted, Long replyTo, String nonce) {
}
