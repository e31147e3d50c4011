package dev.parley.core.notification;

import java.util.concurrent.CompletableFuture;

/**
 * Delivers one push message to one subscription (Web Push at the edge: encrypted and signed). {@code topic} lets the
 * push service replace an undelivered earlier message of the same topic.
 */
public interface PushSender {
    enum Outcome { DELIVERED, GONE, FAILED }

    CompletableFuture<Outcome> send(PushSubscription subscription, PushMessage message, String topic);
}
