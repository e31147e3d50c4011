package dev.parley.bench.metrics;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Thread-safe latency series in microseconds. Latency is always measured from the <em>intended</em>
 * time of an operation (its slot in the open-loop schedule), never from when it was actually
 * issued: a stalled sender therefore shows up as latency instead of silently skipping samples
 * (coordinated-omission correction).
 */
public final class LatencyRecorder {

  /** Longest latency kept exactly; longer ones are clamped to it. */
  public static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Recorder recorder = new Recorder(MAX_MICROS, 3);
  private final Histogram total = new Histogram(MAX_MICROS, 3);
  private Histogram interval;

  /** Records the time from {@code intendedNanos} to {@code nowNanos} (both {@link System#nanoTime()}). */
  public void record(long intendedNanos, long nowNanos) {
    recordMicros(latencyMicros(intendedNanos, nowNanos));
  }

  public void recordMicros(long micros) {
    recorder.recordValue(Math.min(Math.max(micros, 0), MAX_MICROS));
  }

  /** Latency of an operation whose slot was {@code intendedNanos}, in whole microseconds, never negative. */
  public static long latencyMicros(long intendedNanos, long nowNanos) {
    return Math.max(0, (nowNanos - intendedNanos) / 1_000);
  }

  /** Values recorded since the previous call (also folded into the total). */
  public synchronized Histogram takeInterval() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    return interval;
  }

  /** Everything recorded so far. */
  public synchronized Histogram total() {
    takeInterval();
    return total.copy();
  }

  public LatencyStats stats() {
    return LatencyStats.ofMicros(total());
  }
}
