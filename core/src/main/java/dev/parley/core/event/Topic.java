package dev.parley.core.event;

/**
 * Where the relay carries an event: a conversation's topic (its messages, typing), a user's topic (their
 * read markers, revoked sessions, new conversations), or {@link #ALL} nodes (membership and channel changes,
 * profile and presence changes: rare events that every node's caches and sockets may need).
 */
public record Topic(Kind kind, long id) {
    public enum Kind { CONVERSATION, USER, ALL }

    public static final Topic ALL = new Topic(Kind.ALL, 0);

    public static Topic conversation(long conversationId) {
        return new Topic(Kind.CONVERSATION, conversationId);
    }

    public static Topic user(long userId) {
        return new Topic(Kind.USER, userId);
    }
}
