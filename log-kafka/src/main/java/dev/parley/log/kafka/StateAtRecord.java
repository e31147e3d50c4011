package dev.parley.log.kafka;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.event.LogState;
import dev.parley.core.message.Message;
import dev.parley.store.cassandra.MessageFacts;
import java.util.Optional;

/**
 * The log's state at one record's turn, as {@link dev.parley.core.event.LogRules} reads it: the partition's
 * conversations as the records before it left them, and the facts (prefetched for the batch) of messages and nonces,
 * counted only when the record that made them comes before this one.
 */
final class StateAtRecord implements LogState {
    private final PartitionState state;
    private final long offset;

    StateAtRecord(PartitionState state, long offset) {
        this.state = state;
        this.offset = offset;
    }

    private Optional<ConversationState> live(long conversationId) {
        ConversationState c = state.conversations.get(conversationId);
        return c == null || c.deleted ? Optional.empty() : Optional.of(c);
    }

    @Override
    public Optional<Conversation> conversation(long conversationId) {
        return live(conversationId).map(ConversationState::view);
    }

    @Override
    public boolean isMember(long conversationId, long userId) {
        return live(conversationId).map(c -> c.members.contains(userId)).orElse(false);
    }

    @Override
    public boolean isBanned(long conversationId, long userId) {
        return live(conversationId).map(c -> c.banned.contains(userId)).orElse(false);
    }

    @Override
    public Optional<Long> longestStandingMember(long conversationId, long excludedUserId) {
        return live(conversationId).flatMap(c -> c.longestStandingMember(excludedUserId));
    }

    @Override
    public Optional<Message> message(long conversationId, long messageId) {
        return prefetched(state.messages.get(messageId), "message " + messageId)
                .filter(f -> f.conversationId() == conversationId && f.existsAt(offset)).map(f -> f.asMessage(offset));
    }

    @Override
    public Optional<Message> messageByNonce(long conversationId, long authorId, String nonce) {
        return prefetched(state.nonces.get(new PartitionState.NonceKey(conversationId, authorId, nonce)), "nonce " + nonce)
                .filter(f -> f.existsAt(offset)).map(f -> f.asMessage(offset));
    }

    @Override
    public long lastSeq(long conversationId) {
        ConversationState c = state.conversations.get(conversationId);
        return c == null ? 0 : c.lastSeq;
    }

    private static Optional<MessageFacts> prefetched(Optional<MessageFacts> facts, String what) {
        if (facts == null) {
            throw new IllegalStateException("the facts of " + what + " were not read before the batch");
        }
        return facts;
    }
}
