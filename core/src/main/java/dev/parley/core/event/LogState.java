package dev.parley.core.event;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.message.Message;
import java.util.Optional;

/**
 * What the log's writer reads to decide an entry, as of that entry's turn: every change decided before it
 * (in the same batch too) is visible. Adapters read it inside their write transaction.
 */
public interface LogState {
    /** The conversation, unless it does not exist or was deleted. */
    Optional<Conversation> conversation(long conversationId);

    boolean isMember(long conversationId, long userId);

    /** True while the user is banned from the channel. */
    boolean isBanned(long conversationId, long userId);

    /** The member who joined first, other than {@code excludedUserId}. */
    Optional<Long> longestStandingMember(long conversationId, long excludedUserId);

    /** A message of this conversation, deleted or not. */
    Optional<Message> message(long conversationId, long messageId);

    Optional<Message> messageByNonce(long conversationId, long authorId, String nonce);

    /** The conversation's last seq, 0 for an empty log. */
    long lastSeq(long conversationId);
}
