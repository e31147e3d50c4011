package dev.parley.core.fakes;

import dev.parley.core.event.EventRelay;
import dev.parley.core.event.RelayEvent;
import dev.parley.core.event.RelayListener;
import dev.parley.core.event.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A relay that keeps what was published, once per event (an event put on several topics counts once). */
public final class RecordingRelay implements EventRelay {
    private final List<RelayEvent> published = new ArrayList<>();
    private final List<Topic> topics = new ArrayList<>();

    @Override
    public synchronized void publish(Topic topic, RelayEvent event) {
        topics.add(topic);
        if (published.isEmpty() || published.get(published.size() - 1) != event) {
            published.add(event);
        }
    }

    /** The events published so far, in order; tests may clear it. */
    public synchronized List<RelayEvent> events() {
        return published;
    }

    /** Every topic published to, in order (an event on two topics appears twice). */
    public synchronized List<Topic> topics() {
        return List.copyOf(topics);
    }

    @Override
    public void listen(RelayListener listener) {
    }

    @Override
    public CompletableFuture<Void> subscribe(Topic topic) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void unsubscribe(Topic topic) {
    }
}
