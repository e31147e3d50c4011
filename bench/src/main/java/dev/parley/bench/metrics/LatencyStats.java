package dev.parley.bench.metrics;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency series, in milliseconds. */
public record LatencyStats(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms,
                           double p999Ms, double maxMs) {

  private static final double MICROS_PER_MS = 1000.0;

  /** Summarises a histogram whose values are microseconds. */
  public static LatencyStats ofMicros(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
    }
    return new LatencyStats(h.getTotalCount(),
        h.getMean() / MICROS_PER_MS,
        h.getValueAtPercentile(50) / MICROS_PER_MS,
        h.getValueAtPercentile(90) / MICROS_PER_MS,
        h.getValueAtPercentile(99) / MICROS_PER_MS,
        h.getValueAtPercentile(99.9) / MICROS_PER_MS,
        h.getMaxValue() / MICROS_PER_MS);
  }
}
