package dev.parley.core.conversation;

import dev.parley.core.account.User;
import dev.parley.core.message.Message;
import dev.parley.core.notification.NotificationRules;
import dev.parley.core.notification.NotifyLevel;
import java.time.Instant;

/**
 * A conversation as one user sees it: with the DM peer, the log's position, the last message, their unread and
 * unread-mention counts, and their notification settings ({@code notify} as it applies: chosen or the default).
 */
public record ConversationView(Conversation conversation, User peer, long lastSeq, Message lastMessage,
                               long lastReadSeq, long unreadCount, Instant lastActivityAt, long mentionCount,
                               NotifyLevel notifyLevel, Instant mutedUntil) {

    /** A view with no unread mentions and the default notification settings. */
    public ConversationView(Conversation conversation, User peer, long lastSeq, Message lastMessage, long lastReadSeq,
                            long unreadCount, Instant lastActivityAt) {
        this(conversation, peer, lastSeq, lastMessage, lastReadSeq, unreadCount, lastActivityAt, 0,
                NotificationRules.defaultLevel(conversation), null);
    }
}
