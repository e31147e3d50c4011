package dev.parley.bench.sys;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The server's CPU and memory over a run window; null fields could not be measured. */
public record ServerUsage(Long pid, Double cpuAvgPercent, Double cpuMaxPercent, Long rssMaxBytes,
                          Long rssLastBytes, Long heapMaxBytes, Long heapLastBytes,
                          List<ResourceSample> samples) {

  public static ServerUsage of(Long pid, List<ResourceSample> samples) {
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
        List.copyOf(samples));
  }

  private static <T> List<T> values(List<ResourceSample> samples, Function<ResourceSample, T> f) {
    return samples.stream().map(f).filter(Objects::nonNull).toList();
  }
}
