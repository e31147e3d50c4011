package dev.parley.server.metrics;

import dev.parley.core.event.LogEvent;
import java.util.List;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The node's Prometheus registry: JVM and process figures, HTTP requests, stored messages. */
public final class NodeMetrics {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    /** Handlers put their route template under this key of the routing context, for the request timer. */
    public static final String ROUTE_KEY = "parley.route";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter messagesStored;
    private final Map<RequestKind, Timer> httpTimers = new ConcurrentHashMap<>();

    public NodeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("process.resident.memory", NodeMetrics::residentBytes).baseUnit("bytes")
                .description("resident set size of the node's process").register(registry);
        messagesStored = Counter.builder("parley.messages.stored").description("messages durably appended to the log")
                .register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Counts what this node's log writer made durable (each message once, on the node that wrote it). */
    public void committed(List<LogEvent> events) {
        for (LogEvent e : events) {
            if (e instanceof LogEvent.MessagePosted) {
                messagesStored.increment();
            }
        }
    }

    /**
     * Times every HTTP request by method, route template and status. Each such timer is registered once and kept here,
     * so that a request records into it without building its id and looking it up in the registry again.
     */
    public Handler<RoutingContext> httpTimer() {
        return ctx -> {
            long start = System.nanoTime();
            ctx.addEndHandler(ar -> httpTimer(new RequestKind(ctx.request().method().name(), ctx.get(ROUTE_KEY, "other"),
                    ctx.response().getStatusCode())).record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
            ctx.next();
        };
    }

    private Timer httpTimer(RequestKind kind) {
        return httpTimers.computeIfAbsent(kind, k -> Timer.builder("parley.http.requests")
                .tag("method", k.method())
                .tag("route", k.route())
                .tag("status", Integer.toString(k.status()))
                .publishPercentileHistogram()
                .register(registry));
    }

    public String scrape() {
        return registry.scrape();
    }

    private static double residentBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** The tags of one HTTP request timer. */
    private record RequestKind(String method, String route, int status) {
    }
}
