package dev.parley.core.notification;

import dev.parley.core.conversation.Membership;

/** A member of a conversation with a push subscription: their membership (with its settings) and the subscription. */
public record PushTarget(Membership membership, PushSubscription subscription) {
}
