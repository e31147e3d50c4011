package dev.parley.log.kafka;

import dev.parley.store.cassandra.MessageFacts;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The immutable facts the sequencer may read besides its own state: a message's creation (and deletion) facts, and
 * the message a nonce first made — each with the offset of the record that wrote it, so the sequencer can tell what
 * existed before the record it decides. Cassandra in production ({@code CassandraLogRows}).
 */
interface LogFacts {
    CompletionStage<Optional<MessageFacts>> message(long messageId);

    CompletionStage<Optional<MessageFacts>> nonce(long conversationId, long authorId, String nonce);
}
