package dev.parley.core.event;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.notification.NotifyLevel;
import java.time.Instant;
import java.util.List;

/** Relay events that are not part of any log: they take no seq and are not replayed. */
public sealed interface Ephemeral extends RelayEvent {

    /** A member is typing in a conversation. */
    record Typing(long conversationId, long userId) implements Ephemeral {
    }

    /**
     * A user's read marker moved. Moved over a socket ({@code originConnection}, that socket's tag): every other
     * socket of the user is told, those of the same session (another tab) too; moved over REST (null): the user's
     * sockets of sessions other than {@code originSessionId}.
     */
    record ReadMarkerMoved(long userId, long conversationId, long lastReadSeq, long originSessionId, String originConnection)
            implements Ephemeral {
        public ReadMarkerMoved(long userId, long conversationId, long lastReadSeq, long originSessionId) {
            this(userId, conversationId, lastReadSeq, originSessionId, null);
        }
    }

    /** A user's presence as others see it changed; members of {@code audience} (conversation ids) are told. */
    record PresenceChanged(long userId, String status, List<Long> audience) implements Ephemeral {
    }

    /** A session was revoked: its sockets close. */
    record SessionRevoked(long userId, long sessionId) implements Ephemeral {
    }

    /**
     * A user's public profile changed: every node drops its cached copy, and the user's devices and the members
     * of {@code audience} (conversation ids) refresh names and avatars.
     */
    record ProfileChanged(User user, List<Long> audience) implements Ephemeral {
    }

    /**
     * A conversation appeared for its {@code members} without a member event: a new channel (its owner) or a
     * DM (the pair), whose log was at {@code lastSeq}.
     */
    record ConversationOpened(Conversation conversation, List<User> members, long lastSeq) implements Ephemeral {
    }

    /** A user changed their notification settings of a conversation: their devices are told. */
    record NotificationSettingsChanged(long userId, long conversationId, NotifyLevel notifyLevel, Instant mutedUntil)
            implements Ephemeral {
    }
}
