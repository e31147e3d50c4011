package dev.parley.core.message;

import java.util.List;

/**
 * Who a message mentions: user ids (from {@code @username}) and whether it mentions everyone online
 * ({@code @here}) or every member ({@code @channel}). On a {@link Message} these are what the log's writer kept:
 * members of the conversation at the message's turn, and the two flags only where the author may use them.
 */
public record Mentions(List<Long> userIds, boolean here, boolean channel) {
    public static final Mentions NONE = new Mentions(List.of(), false, false);

    public Mentions {
        userIds = List.copyOf(userIds);
    }

    public boolean mentionsEveryone() {
        return here || channel;
    }

    /** Whether {@code userId} is mentioned by name or by {@code @here} / {@code @channel}. */
    public boolean mentions(long userId) {
        return mentionsEveryone() || userIds.contains(userId);
    }

    public boolean isEmpty() {
        return userIds.isEmpty() && !here && !channel;
    }
}
