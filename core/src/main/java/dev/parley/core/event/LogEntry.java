package dev.parley.core.event;

import java.time.Instant;

/** Something to append to a conversation's log; the log gives it the next seq. */
public sealed interface LogEntry {
    long conversationId();

    Instant at();

    record PostMessage(long conversationId, long messageId, long authorId, String content, String nonce,
                       Long replyTo, Instant at) implements LogEntry {
    }

    record EditMessage(long conversationId, long messageId, String content, Instant at) implements LogEntry {
    }

    record DeleteMessage(long conversationId, long messageId, Instant at) implements LogEntry {
    }

    record AddMember(long conversationId, long userId, Instant at) implements LogEntry {
    }

    record RemoveMember(long conversationId, long userId, Instant at) implements LogEntry {
    }

    record ChangeConversation(long conversationId, Instant at) implements LogEntry {
    }

    record RemoveConversation(long conversationId, Instant at) implements LogEntry {
    }
}
