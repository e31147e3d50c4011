package dev.parley.core.event;

import java.util.concurrent.CompletableFuture;

/**
 * Carries events between the nodes of a deployment, by {@link Topic} (in process by default; Redis pub/sub
 * in a cluster). A node receives the events of the topics it subscribed to, from every node.
 *
 * <p>Guarantees, across nodes: none about order or loss. An event may be lost (a connection dropped), arrive
 * twice, or arrive after a later one. The log is the truth: receivers order log events by seq, drop repeats
 * and read gaps from the log. After {@link RelayListener#onResync} anything may have been lost.
 * An event published after {@link #subscribe} completed, to a topic that stays subscribed, is normally
 * delivered (a lossless adapter always delivers it).
 *
 * <p>Threading: every method may be called from any thread.
 */
public interface EventRelay extends AutoCloseable {
    void publish(Topic topic, RelayEvent event);

    /** Sets this node's receiver; call once, before subscribing. */
    void listen(RelayListener listener);

    /** Starts receiving a topic; completes once the subscription is live. Subscribing twice is the same as once. */
    CompletableFuture<Void> subscribe(Topic topic);

    void unsubscribe(Topic topic);

    /**
     * True when this relay never loses an event published after {@link #subscribe} completed and delivers each
     * publisher's events in order (the in-process relay), so receivers need not poll the log for a lost last event.
     */
    default boolean lossless() {
        return false;
    }

    @Override
    default void close() {
    }
}
