package dev.parley.core.conversation;

import dev.parley.core.account.User;
import dev.parley.core.message.Message;
import java.time.Instant;

/** A conversation as one user sees it: with the DM peer, the log's position, the last message and their unread count. */
public record ConversationView(Conversation conversation, User peer, long lastSeq, Message lastMessage,
                               long lastReadSeq, long unreadCount, Instant lastActivityAt) {
}
