package dev.parley.log.kafka;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.event.LogEntry;
import java.util.List;
import java.util.UUID;

/**
 * A record of the log topic (its value; the key is the conversation id). Every record carries an id of its own and
 * the node that appended it.
 *
 * <p>Format, version 1: {@code u8 version=1, u8 type (1 append, 2 open), uuid id (16 bytes), str node}, then for an
 * append {@code u8 entry kind} and the entry's fields, for an open the conversation and its member ids in join order
 * (see {@link Records}).
 */
sealed interface LogRecord {
    UUID id();

    String node();

    long conversationId();

    /** An entry to sequence: the appending node waits for its outcome. */
    record Append(UUID id, String node, LogEntry entry) implements LogRecord {
        @Override
        public long conversationId() {
            return entry.conversationId();
        }
    }

    /**
     * A conversation created outside the log: the sequencer learns its facts (kind, name, topic, visibility, owner, creation
     * time, members) from the log itself. The first open of a conversation counts; later ones change nothing.
     */
    record Open(UUID id, String node, Conversation conversation, List<Long> members) implements LogRecord {
        @Override
        public long conversationId() {
            return conversation.id();
        }
    }
}
