package dev.parley.server.support;

import dev.parley.core.event.EventRelay;
import dev.parley.core.event.RelayEvent;
import dev.parley.core.event.RelayListener;
import dev.parley.core.event.Topic;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay that does what the port allows: it drops a share of the events it is given, publishes another share
 * twice, and holds another back for a few milliseconds so later events overtake it. Seeded, so a failing run can be
 * repeated.
 */
public final class FaultyRelay implements EventRelay {
    private final EventRelay delegate;
    private final Random random;
    private final double drop;
    private final double repeat;
    private final double delay;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("faulty-relay").daemon(true).factory());
    public final AtomicInteger dropped = new AtomicInteger();
    public final AtomicInteger repeated = new AtomicInteger();
    public final AtomicInteger delayed = new AtomicInteger();

    public FaultyRelay(EventRelay delegate, long seed, double drop, double repeat, double delay) {
        this.delegate = delegate;
        this.random = new Random(seed);
        this.drop = drop;
        this.repeat = repeat;
        this.delay = delay;
    }

    @Override
    public void publish(Topic topic, RelayEvent event) {
        double r;
        int delayMs;
        synchronized (random) {
            r = random.nextDouble();
            delayMs = 1 + random.nextInt(30);
        }
        if (r < drop) {
            dropped.incrementAndGet();
        } else if (r < drop + repeat) {
            repeated.incrementAndGet();
            delegate.publish(topic, event);
            later.schedule(() -> delegate.publish(topic, event), delayMs, TimeUnit.MILLISECONDS);
        } else if (r < drop + repeat + delay) {
            delayed.incrementAndGet();
            later.schedule(() -> delegate.publish(topic, event), delayMs, TimeUnit.MILLISECONDS);
        } else {
            delegate.publish(topic, event);
        }
    }

    @Override
    public void listen(RelayListener listener) {
        delegate.listen(listener);
    }

    @Override
    public CompletableFuture<Void> subscribe(Topic topic) {
        return delegate.subscribe(topic);
    }

    @Override
    public void unsubscribe(Topic topic) {
        delegate.unsubscribe(topic);
    }

    @Override
    public void close() {
        later.shutdownNow();
        delegate.close();
    }
}
