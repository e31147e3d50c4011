package dev.parley.core.event;

/** The one receiver of a node's relay: every event of the topics this node subscribed to. */
public interface RelayListener {
    /** An event published to {@code topic}; may be called from any thread, concurrently. */
    void onEvent(Topic topic, RelayEvent event);

    /**
     * The relay may have lost events (its connection was lost and is back): whatever depends on having seen
     * every event must read what it missed from the log.
     */
    default void onResync() {
    }
}
