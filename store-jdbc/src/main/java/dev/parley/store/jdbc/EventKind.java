package dev.parley.store.jdbc;

/** How each kind of log event is stored in {@code events.kind}; {@code ref_id} holds a message or user id. */
public enum EventKind {
    MESSAGE_POSTED(1), MESSAGE_EDITED(2), MESSAGE_DELETED(3), MEMBER_ADDED(4), MEMBER_REMOVED(5),
    CONVERSATION_CHANGED(6), CONVERSATION_REMOVED(7);

    private final int code;

    EventKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static EventKind of(int code) {
        for (EventKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalStateException("unknown event kind " + code);
    }
}
