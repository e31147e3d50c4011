package dev.parley.core.conversation;

import dev.parley.core.account.Principal;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.EventPublisher;
import dev.parley.core.ratelimit.BucketSpec;
import dev.parley.core.ratelimit.RateLimiter;

/** Typing indicators: never stored, relayed to the conversation's online members, limited per user. */
public final class TypingNotifier {
    private final ConversationService conversations;
    private final EventPublisher publisher;
    private final RateLimiter limiter;
    private final BucketSpec perUser;

    public TypingNotifier(ConversationService conversations, EventPublisher publisher, RateLimiter limiter, BucketSpec perUser) {
        this.conversations = conversations;
        this.publisher = publisher;
        this.limiter = limiter;
        this.perUser = perUser;
    }

    /** Relays that the caller is typing; false (and nothing relayed) when they are over their typing limit. */
    public boolean typing(Principal caller, long conversationId) {
        conversations.requireSender(caller, conversationId);
        if (limiter.tryAcquire("typing:" + caller.userId(), perUser) > 0) {
            return false;
        }
        publisher.publish(new Ephemeral.Typing(conversationId, caller.userId()));
        return true;
    }
}
