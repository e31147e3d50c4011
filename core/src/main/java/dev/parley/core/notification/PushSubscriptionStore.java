package dev.parley.core.notification;

import java.util.List;
import java.util.Optional;

/**
 * Users' Web Push subscriptions. An endpoint belongs to one subscription: adding an endpoint that is already stored
 * replaces it (a browser that subscribes again, or another user signing in on that browser).
 *
 * <p>Across processes: reads see every committed change of any node; an endpoint is stored once whichever node
 * adds it.
 */
public interface PushSubscriptionStore {
    /** Stores the subscription, replacing any with the same endpoint; returns the stored one's id. */
    long add(PushSubscription subscription);

    /** Deletes one of the user's subscriptions; false if they have none with that id. */
    boolean delete(long userId, long subscriptionId);

    /** Deletes a subscription the push service said is gone (404, 410). */
    void deleteEndpoint(String endpoint);

    Optional<PushSubscription> find(long subscriptionId);

    /** How many subscriptions the user has. */
    int count(long userId);

    /** The subscriptions of the conversation's members other than {@code exceptUserId}, with their memberships. */
    List<PushTarget> targets(long conversationId, long exceptUserId);
}
