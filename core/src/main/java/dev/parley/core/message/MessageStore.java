package dev.parley.core.message;

import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogPosition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read side of the conversation logs: messages, replayable events and each log's position. */
public interface MessageStore {
    Optional<Message> find(long conversationId, long messageId);

    /** The message an author sent to a conversation with this nonce, if any. */
    Optional<Message> findByNonce(long conversationId, long authorId, String nonce);

    /** Messages with seq below {@code beforeSeq} (null: from the newest), newest first. */
    List<Message> before(long conversationId, Long beforeSeq, int limit);

    /** Messages with seq above {@code afterSeq}, oldest first. */
    List<Message> after(long conversationId, long afterSeq, int limit);

    /** Log events with seq above {@code afterSeq}, in seq order, messages in their current state. */
    List<LogEvent> eventsAfter(long conversationId, long afterSeq, int limit);

    /**
     * {@link #eventsAfter(long, long, int)} of several conversations at once ({@code cursors}: conversation id → the seq
     * to read after), at most {@code limit} each; every conversation of {@code cursors} is in the answer. One after the
     * other here; a store whose reads wait on the network makes them side by side.
     */
    default Map<Long, List<LogEvent>> eventsAfter(Map<Long, Long> cursors, int limit) {
        Map<Long, List<LogEvent>> events = new HashMap<>();
        cursors.forEach((conversationId, afterSeq) -> events.put(conversationId, eventsAfter(conversationId, afterSeq, limit)));
        return events;
    }

    LogPosition position(long conversationId);

    Optional<Message> lastMessage(long conversationId);

    /** Messages after {@code afterSeq} written by anyone but {@code userId}, not deleted. */
    long unreadCount(long conversationId, long userId, long afterSeq);

    /**
     * Of those, the messages that mention {@code userId}: by name, or by {@code @here} / {@code @channel}. Adapters
     * answer from an index of mentions, without reading every unread message.
     */
    long mentionCount(long conversationId, long userId, long afterSeq);
}
