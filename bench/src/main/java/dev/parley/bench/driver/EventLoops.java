package dev.parley.bench.driver;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Vert.x context per event loop, handed out in turn. A socket opened from outside Vert.x would land
 * on a single event loop, and the tool would measure its own one-core limit; opening each socket on the
 * next of these contexts spreads the client's work over every core.
 */
public final class EventLoops {
    private final List<Context> contexts = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    public EventLoops(Vertx vertx, int count) {
        try {
            vertx.deployVerticle(() -> new VerticleBase() {
                @Override
                public Future<?> start() {
                    synchronized (contexts) {
                        contexts.add(context);
                    }
                    return Future.succeededFuture();
                }
            }, new DeploymentOptions().setInstances(count)).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the client's event loops", e);
        }
    }

    /** Runs {@code action} on the next event loop. */
    public void onNext(Runnable action) {
        Context c;
        synchronized (contexts) {
            c = contexts.get(Math.floorMod(next.getAndIncrement(), contexts.size()));
        }
        c.runOnContext(v -> action.run());
    }
}
