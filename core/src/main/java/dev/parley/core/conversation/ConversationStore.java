package dev.parley.core.conversation;

import dev.parley.core.Page;
import dev.parley.core.notification.NotifyLevel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Conversations, memberships and read markers as the log's writer left them. Membership and channel changes are
 * made by the message log's writer (with their events), never through this port. Deleted conversations are
 * invisible to every call.
 *
 * <p>Across processes: reads see every committed change of any node; a DM pair is created once whichever node
 * asks first.
 */
public interface ConversationStore {
    /** Stores a new channel with its owner as the first member. */
    void createChannel(Conversation channel);

    /** The DM of two users, created with both as members if it does not exist yet. */
    Conversation findOrCreateDm(long newId, long userA, long userB, Instant now);

    Optional<Conversation> find(long conversationId);

    Optional<Membership> membership(long conversationId, long userId);

    default boolean isMember(long conversationId, long userId) {
        return membership(conversationId, userId).isPresent();
    }

    /** Every membership of a user. */
    List<Membership> membershipsOf(long userId);

    /** User ids of members in the order they joined; the cursor is opaque. */
    Page<Long> members(long conversationId, String cursor, int limit);

    /** Public channels whose name contains {@code query} (case-insensitive), newest first. */
    Page<Conversation> publicChannels(String query, String cursor, int limit);

    /** The users banned from a channel, the most recently banned first (bans are made by the log's writer). */
    List<Long> bannedUsers(long conversationId);

    /** Moves a read marker forward; false if it was already at or past {@code seq}. */
    boolean advanceReadMarker(long conversationId, long userId, long seq);

    /**
     * Sets a member's notification settings of the conversation ({@code notify} null: the default; {@code mutedUntil}
     * null: not muted); false if they are not a member. Leaving forgets them.
     */
    boolean setNotifications(long conversationId, long userId, NotifyLevel notify, Instant mutedUntil);
}
