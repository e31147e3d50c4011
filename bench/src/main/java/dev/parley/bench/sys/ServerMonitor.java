package dev.parley.bench.sys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the server process once a second: CPU% and RSS from /proc (when its pid is known) and,
 * for a Parley node, JVM heap and RSS from its Prometheus /metrics.
 */
public final class ServerMonitor implements AutoCloseable {

  private static final Map<String, String> HEAP = Map.of("area", "heap");

  private final Long pid;
  private final URI metrics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final long startNanos = System.nanoTime();
  private final List<ResourceSample> samples = new ArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "server-monitor");
    t.setDaemon(true);
    return t;
  });
  private long lastCpuNanos = -1;
  private long lastAtNanos;

  /**
   * @param pid     the server process, or null when unknown (then only /metrics is read)
   * @param metrics the node's /metrics address, or null for servers without one
   */
  public ServerMonitor(Long pid, URI metrics) {
    this.pid = pid;
    this.metrics = metrics;
  }

  /** The sampled process, or null when unknown. */
  public Long pid() {
    return pid;
  }

  public ServerMonitor start() {
    sample();
    timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    return this;
  }

  /** Seconds since this monitor was created, the time base of its samples. */
  public double now() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Takes a sample now (also kept in the series). */
  public synchronized ResourceSample sample() {
    long at = System.nanoTime();
    Double cpu = null;
    Long rss = null;
    Long heap = null;
    if (pid != null) {
      OptionalLong cpuNanos = ProcFs.cpuNanos(pid);
      if (cpuNanos.isPresent()) {
        if (lastCpuNanos >= 0 && at > lastAtNanos) {
          cpu = 100.0 * (cpuNanos.getAsLong() - lastCpuNanos) / (at - lastAtNanos);
        }
        lastCpuNanos = cpuNanos.getAsLong();
        lastAtNanos = at;
      }
      OptionalLong r = ProcFs.rssBytes(pid);
      rss = r.isPresent() ? r.getAsLong() : null;
    }
    if (metrics != null) {
      String text = scrape();
      if (text != null) {
        OptionalDouble h = PrometheusText.sum(text, "jvm_memory_used_bytes", HEAP);
        heap = h.isPresent() ? (long) h.getAsDouble() : null;
        OptionalDouble r = PrometheusText.sum(text, "process_resident_memory_bytes", Map.of());
        if (rss == null && r.isPresent()) {
          rss = (long) r.getAsDouble();
        }
      }
    }
    ResourceSample s = new ResourceSample((at - startNanos) / 1e9, cpu, rss, heap);
    samples.add(s);
    return s;
  }

  /** The most recent sample. */
  public synchronized ResourceSample latest() {
    return samples.getLast();
  }

  /** Usage over the samples taken between the two times (seconds, see {@link #now()}). */
  public synchronized ServerUsage usage(double fromSeconds, double toSeconds) {
    return ServerUsage.of(pid, samples.stream()
        .filter(s -> s.atSeconds() >= fromSeconds && s.atSeconds() <= toSeconds).toList());
  }

  private String scrape() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
