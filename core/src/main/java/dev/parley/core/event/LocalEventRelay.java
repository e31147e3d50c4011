package dev.parley.core.event;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node relay: hands each event of a subscribed topic to the listener on the publisher's thread.
 * It loses nothing and keeps each publisher's order. A listener that throws is logged; the publisher goes on.
 */
public final class LocalEventRelay implements EventRelay {
    private static final System.Logger LOG = System.getLogger(LocalEventRelay.class.getName());

    private final Set<Topic> subscribed = ConcurrentHashMap.newKeySet();
    private volatile RelayListener listener;

    @Override
    public void publish(Topic topic, RelayEvent event) {
        RelayListener l = listener;
        if (l == null || !subscribed.contains(topic)) {
            return;
        }
        try {
            l.onEvent(topic, event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the relay listener failed on " + event, e);
        }
    }

    @Override
    public void listen(RelayListener listener) {
        this.listener = listener;
    }

    @Override
    public CompletableFuture<Void> subscribe(Topic topic) {
        subscribed.add(topic);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void unsubscribe(Topic topic) {
        subscribed.remove(topic);
    }

    @Override
    public boolean lossless() {
        return true;
    }
}
