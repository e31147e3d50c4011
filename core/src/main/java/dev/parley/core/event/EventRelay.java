package dev.parley.core.event;

import java.util.function.Consumer;

/**
 * Carries events to every node that holds sockets (in process by default; Redis pub/sub in a cluster).
 * It may lose events: the log does not, and clients catch up from it.
 */
public interface EventRelay extends AutoCloseable {
    void publish(RelayEvent event);

    /** Registers a listener for every event published from now on; events arrive in publish order. */
    void subscribe(Consumer<RelayEvent> listener);

    @Override
    default void close() {
    }
}
