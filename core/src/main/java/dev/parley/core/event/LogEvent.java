package dev.parley.core.event;

import dev.parley.core.message.Message;
import java.time.Instant;

/** An event of a conversation's log, with its place {@code seq} in it. */
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

    record MemberAdded(long conversationId, long seq, Instant at, long userId) implements LogEvent {
    }

    record MemberRemoved(long conversationId, long seq, Instant at, long userId) implements LogEvent {
    }

    record ConversationChanged(long conversationId, long seq, Instant at) implements LogEvent {
    }

    record ConversationRemoved(long conversationId, long seq, Instant at) implements LogEvent {
    }
}
