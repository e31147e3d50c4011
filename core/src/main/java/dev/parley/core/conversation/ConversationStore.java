package dev.parley.core.conversation;

import dev.parley.core.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Conversations, memberships and read markers. Deleted conversations are invisible to every call. */
public interface ConversationStore {
    /** Stores a new channel with its owner as the first member. */
    void createChannel(Conversation channel);

    /** The DM of two users, created with both as members if it does not exist yet. */
    Conversation findOrCreateDm(long newId, long userA, long userB, Instant now);

    Optional<Conversation> find(long conversationId);

    Optional<Membership> membership(long conversationId, long userId);

    /** Every membership of a user. */
    List<Membership> membershipsOf(long userId);

    /** User ids of members in the order they joined; the cursor is opaque. */
    Page<Long> members(long conversationId, String cursor, int limit);

    /** Adds a member; false if they already were one. */
    boolean addMember(long conversationId, long userId, Instant joinedAt);

    /** Removes a member; false if they were not one. */
    boolean removeMember(long conversationId, long userId);

    /** The member who joined first, other than {@code excludedUserId}. */
    Optional<Long> longestStandingMember(long conversationId, long excludedUserId);

    void setOwner(long conversationId, long ownerId);

    /** Applies a rename and/or topic change (null leaves a field as it is). */
    void update(long conversationId, String name, String topic);

    void markDeleted(long conversationId);

    /** Public channels whose name contains {@code query} (case-insensitive), newest first. */
    Page<Conversation> publicChannels(String query, String cursor, int limit);

    /** Moves a read marker forward; false if it was already at or past {@code seq}. */
    boolean advanceReadMarker(long conversationId, long userId, long seq);
}
