package dev.parley.core.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The single-node relay: hands each event to this process's listeners, in publish order, on the caller's
 * thread. A listener that throws is logged and skipped; the others still get the event.
 */
public final class LocalEventRelay implements EventRelay {
    private static final System.Logger LOG = System.getLogger(LocalEventRelay.class.getName());

    private final List<Consumer<RelayEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(RelayEvent event) {
        for (Consumer<RelayEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "a relay listener failed on " + event, e);
            }
        }
    }

    @Override
    public void subscribe(Consumer<RelayEvent> listener) {
        listeners.add(listener);
    }
}
