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
 * for a Parley node, JVM heap and RSS from its Prometheus /metrics. For a cluster it samples every
 * node and reports their sums (CPU% over 100 means more than one core).
 */
public final class ServerMonitor implements AutoCloseable {

  /** One process to sample: its pid (null when unknown) and its /metrics address (null for none). */
  public record Watched(Long pid, URI metrics) {
  }

  private static final Map<String, String> HEAP = Map.of("area", "heap");

  private final List<Watched> watched;
  private final long[] lastCpuNanos;
  private final long[] lastAtNanos;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final long startNanos = System.nanoTime();
  private final List<ResourceSample> samples = new ArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "server-monitor");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param pid     the server process, or null when unknown (then only /metrics is read)
   * @param metrics the node's /metrics address, or null for servers without one
   */
  public ServerMonitor(Long pid, URI metrics) {
    this(List.of(new Watched(pid, metrics)));
  }

  /** Samples every process of {@code watched} (the nodes of a cluster) and sums them. */
  public ServerMonitor(List<Watched> watched) {
    this.watched = List.copyOf(watched);
    this.lastCpuNanos = new long[watched.size()];
    this.lastAtNanos = new long[watched.size()];
    java.util.Arrays.fill(lastCpuNanos, -1);
  }

  /** The first sampled process, or null when unknown. */
  public Long pid() {
    return watched.getFirst().pid();
  }

  /** Every sampled process that is known, in order. */
  public List<Long> pids() {
    return watched.stream().map(Watched::pid).filter(java.util.Objects::nonNull).toList();
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

  /** Takes a sample now (also kept in the series): the sums over the sampled processes. */
  public synchronized ResourceSample sample() {
    long at = System.nanoTime();
    Double cpu = null;
    Long rss = null;
    Long heap = null;
    for (int i = 0; i < watched.size(); i++) {
      ResourceSample one = sample(i, at);
      cpu = plus(cpu, one.cpuPercent());
      rss = plus(rss, one.rssBytes());
      heap = plus(heap, one.heapBytes());
    }
    ResourceSample s = new ResourceSample((at - startNanos) / 1e9, cpu, rss, heap);
    samples.add(s);
    return s;
  }

  private ResourceSample sample(int i, long at) {
    Long pid = watched.get(i).pid();
    URI metrics = watched.get(i).metrics();
    Double cpu = null;
    Long rss = null;
    Long heap = null;
    if (pid != null) {
      OptionalLong cpuNanos = ProcFs.cpuNanos(pid);
      if (cpuNanos.isPresent()) {
        if (lastCpuNanos[i] >= 0 && at > lastAtNanos[i]) {
          cpu = 100.0 * (cpuNanos.getAsLong() - lastCpuNanos[i]) / (at - lastAtNanos[i]);
        }
        lastCpuNanos[i] = cpuNanos.getAsLong();
        lastAtNanos[i] = at;
      }
      OptionalLong r = ProcFs.rssBytes(pid);
      rss = r.isPresent() ? r.getAsLong() : null;
    }
    if (metrics != null) {
      String text = scrape(metrics);
      if (text != null) {
        OptionalDouble h = PrometheusText.sum(text, "jvm_memory_used_bytes", HEAP);
        heap = h.isPresent() ? (long) h.getAsDouble() : null;
        OptionalDouble r = PrometheusText.sum(text, "process_resident_memory_bytes", Map.of());
        if (rss == null && r.isPresent()) {
          rss = (long) r.getAsDouble();
        }
      }
    }
    return new ResourceSample(0, cpu, rss, heap);
  }

  private static Double plus(Double sum, Double v) {
    if (v == null) {
      return sum;
    }
    return sum == null ? v : Double.valueOf(sum + v);
  }

  private static Long plus(Long sum, Long v) {
    if (v == null) {
      return sum;
    }
    return sum == null ? v : Long.valueOf(sum + v);
  }

  /** The most recent sample. */
  public synchronized ResourceSample latest() {
    return samples.getLast();
  }

  /** Usage over the samples taken between the two times (seconds, see {@link #now()}). */
  public synchronized ServerUsage usage(double fromSeconds, double toSeconds) {
    return ServerUsage.of(pids(), samples.stream()
        .filter(s -> s.atSeconds() >= fromSeconds && s.atSeconds() <= toSeconds).toList());
  }

  private String scrape(URI metrics) {
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
