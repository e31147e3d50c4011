package dev.parley.server.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Gateway figures: open connections, frames delivered, send-to-deliver latency, drops and slow consumers. */
final class GatewayMetrics {
    private final Clock clock;
    private final Counter delivered;
    private final Counter dropped;
    private final Counter slowConsumers;
    private final Timer deliveryLatency;

    GatewayMetrics(MeterRegistry registry, Clock clock, Supplier<Number> openConnections) {
        this.clock = clock;
        Gauge.builder("parley.gateway.connections", openConnections).description("open gateway connections").register(registry);
        delivered = Counter.builder("parley.gateway.frames.delivered").description("frames handed to sockets").register(registry);
        dropped = Counter.builder("parley.gateway.frames.dropped")
                .description("frames discarded because their connection was closed as too slow").register(registry);
        slowConsumers = Counter.builder("parley.gateway.slow.consumer.disconnects")
                .description("connections closed with 4005").register(registry);
        deliveryLatency = Timer.builder("parley.gateway.delivery.latency")
                .description("from a log event's time to its frame being handed to a socket")
                .publishPercentileHistogram().register(registry);
    }

    /** A frame was written; {@code eventAtMs} is its log event's time (0 for frames that are not log events). */
    void delivered(long eventAtMs) {
        delivered.increment();
        if (eventAtMs > 0) {
            deliveryLatency.record(Math.max(0, clock.millis() - eventAtMs), TimeUnit.MILLISECONDS);
        }
    }

    void slowConsumer(int framesDropped) {
        slowConsumers.increment();
        dropped.increment(framesDropped);
    }
}
