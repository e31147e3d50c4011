package dev.parley.bench.sys;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The server's CPU and memory over a run window; null fields could not be measured. For a cluster, {@code pids}
 * lists every node's process ({@code pid} is the first) and the figures are sums over the nodes.
 */
public record ServerUsage(Long pid, Double cpuAvgPercent, Double cpuMaxPercent, Long rssMaxBytes,
                          Long rssLastBytes, Long heapMaxBytes, Long heapLastBytes,
                          List<ResourceSample> samples, List<Long> pids) {

  public static ServerUsage of(Long pid, List<ResourceSample> samples) {
    return of(pid == null ? List.of() : List.of(pid), samples);
  }

  public static ServerUsage of(List<Long> pids, List<ResourceSample> samples) {
    Long pid = pids.isEmpty() ? null : pids.getFirst();
    List<Double> cpu = values(samples, ResourceSample::cpuPercent);
    List<Long> rss = values(samples, ResourceSample::rssBytes);
    List<Long> heap = values(samples, ResourceSample::heapBytes);
    return new ServerUsage(pid,
        cpu.isEmpty() ? null : cpu.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
        cpu.stream().max(Double::compare).orElse(null),
        rss.stream().max(Long::compare).orElse(null),
        rss.isEmpty() ? null : rss.getLast(),
        heap.stream().max(Long::compare).orElse(null),
        heap.isEmpty() ? null : heap.getLast(),
        List.copyOf(samples), List.copyOf(pids));
  }

  private static <T> List<T> values(List<ResourceSample> samples, Function<ResourceSample, T> f) {
    return samples.stream().map(f).filter(Objects::nonNull).toList();
  }
}
