package dev.parley.core.message;

import java.time.Instant;

/**
 * A message in its current state (edits applied). {@code seq} is that of the log event that created it.
 * A deleted message keeps its id and seq, with empty content. {@code mentions} are those the log's writer kept for
 * its current content (an edit resolves them again).
 */
public record Message(long id, long conversationId, long seq, long authorId, String content, Instant createdAt,
                      Instant editedAt, boolean deleted, Long replyTo, String nonce, Mentions mentions) {

    public Message {
        mentions = mentions == null ? Mentions.NONE : mentions;
    }

    /** A message that mentions nobody. */
    public Message(long id, long conversationId, long seq, long authorId, String content, Instant createdAt,
                   Instant editedAt, boolean deleted, Long replyTo, String nonce) {
        this(id, conversationId, seq, authorId, content, createdAt, editedAt, deleted, replyTo, nonce, Mentions.NONE);
    }
}
