package dev.parley.store.cassandra;

import dev.parley.core.message.Message;
import java.time.Instant;

/**
 * What never changes about a message once posted — and the Kafka offsets of the records that created it and (once)
 * deleted it. The log's writer decides edits, deletions and nonce repeats on these alone: a message exists for a
 * record when {@code createdOffset} is below the record's offset, and is deleted for it when {@code deletedOffset} is.
 */
public record MessageFacts(long id, long conversationId, long seq, long authorId, Instant createdAt, Long replyTo,
                           String nonce, long createdOffset, Long deletedOffset) {

    public boolean existsAt(long offset) {
        return createdOffset < offset;
    }

    public boolean deletedAt(long offset) {
        return deletedOffset != null && deletedOffset < offset;
    }

    public MessageFacts deletedBy(long offset) {
        return new MessageFacts(id, conversationId, seq, authorId, createdAt, replyTo, nonce, createdOffset, offset);
    }

    /** The message as the rules need it: content and edit time are not facts and are left empty. */
    public Message asMessage(long offset) {
        return new Message(id, conversationId, seq, authorId, "", createdAt, null, deletedAt(offset), replyTo, nonce);
    }
}
