package dev.parley.store.cassandra;

import dev.parley.core.event.LogEvent;

/** The {@code kind} column of {@code events}: the same codes as the SQL stores'. */
enum EventKind {
    MESSAGE_POSTED(1), MESSAGE_EDITED(2), MESSAGE_DELETED(3), MEMBER_ADDED(4), MEMBER_REMOVED(5),
    CONVERSATION_CHANGED(6), CONVERSATION_REMOVED(7);

    final byte code;

    EventKind(int code) {
        this.code = (byte) code;
    }

    static EventKind of(byte code) {
        for (EventKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalStateException("unknown event kind " + code);
    }

    static EventKind of(LogEvent event) {
        return switch (event) {
            case LogEvent.MessagePosted p -> MESSAGE_POSTED;
            case LogEvent.MessageEdited e -> MESSAGE_EDITED;
            case LogEvent.MessageDeleted d -> MESSAGE_DELETED;
            case LogEvent.MemberAdded a -> MEMBER_ADDED;
            case LogEvent.MemberRemoved r -> MEMBER_REMOVED;
            case LogEvent.ConversationChanged c -> CONVERSATION_CHANGED;
            case LogEvent.ConversationRemoved r -> CONVERSATION_REMOVED;
        };
    }
}
