package dev.parley.core.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The single-node relay: hands each event to this process's listeners, in publish order, on the caller's thread. */
public final class LocalEventRelay implements EventRelay {
    private final List<Consumer<RelayEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(RelayEvent event) {
        for (Consumer<RelayEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    @Override
    public void subscribe(Consumer<RelayEvent> listener) {
        listeners.add(listener);
    }
}
