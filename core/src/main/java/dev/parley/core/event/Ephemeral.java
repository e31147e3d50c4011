package dev.parley.core.event;

import dev.parley.core.account.User;
import java.util.List;

/** Relay events that are not part of any log: they take no seq and are not replayed. */
public sealed interface Ephemeral extends RelayEvent {

    /** A member is typing in a conversation. */
    record Typing(long conversationId, long userId) implements Ephemeral {
    }

    /** A user's read marker moved; their devices other than {@code originSessionId} are told. */
    record ReadMarkerMoved(long userId, long conversationId, long lastReadSeq, long originSessionId) implements Ephemeral {
    }

    /** A user's presence as others see it changed. */
    record PresenceChanged(long userId, String status) implements Ephemeral {
    }

    /** A session was revoked: its sockets close. */
    record SessionRevoked(long userId, long sessionId) implements Ephemeral {
    }

    /** A user's public profile changed: those who can see them refresh names and avatars. */
    record ProfileChanged(User user) implements Ephemeral {
    }

    /** A conversation appeared for these users without a member event (a new channel's owner, a new DM's pair). */
    record ConversationOpened(long conversationId, List<Long> userIds) implements Ephemeral {
    }
}
