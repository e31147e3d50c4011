package dev.parley.core.event;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.message.Message;
import java.time.Instant;

/**
 * An event of a conversation's log, with its place {@code seq} in it. Each carries what delivering it needs,
 * so fan-out reads no store: membership and channel events carry the conversation as members see it once the
 * event has happened, and member events the member's profile.
 */
public sealed interface LogEvent extends RelayEvent {
    long conversationId();

    long seq();

    Instant at();

    record MessagePosted(long conversationId, long seq, Instant at, Message message) implements LogEvent {
    }

    record MessageEdited(long conversationId, long seq, Instant at, Message message) implements LogEvent {
    }

    record MessageDeleted(long conversationId, long seq, Instant at, long messageId) implements LogEvent {
    }

    record MemberAdded(long conversationId, long seq, Instant at, User member, Conversation conversation)
            implements LogEvent {
    }

    record MemberRemoved(long conversationId, long seq, Instant at, User member, Conversation conversation)
            implements LogEvent {
    }

    record ConversationChanged(long conversationId, long seq, Instant at, Conversation conversation) implements LogEvent {
    }

    record ConversationRemoved(long conversationId, long seq, Instant at) implements LogEvent {
    }
}
