package dev.parley.bench.metrics;

/**
 * A fixed-rate open-loop schedule: operation {@code i} is intended to start at
 * {@code start + i / rate}, whatever happened to earlier operations. The caller polls it with the
 * current time and issues every operation that has fallen due, late ones included, each with its
 * own intended time.
 */
public final class OpenLoopSchedule {

  /** Receives one due operation. */
  @FunctionalInterface
  public interface Dispatch {
    void dispatch(long index, long intendedNanos);
  }

  private final long startNanos;
  private final double periodNanos;
  private long next;

  public OpenLoopSchedule(long startNanos, double ratePerSecond) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0: " + ratePerSecond);
    }
    this.startNanos = startNanos;
    this.periodNanos = 1e9 / ratePerSecond;
  }

  public long intendedTime(long index) {
    return startNanos + (long) (index * periodNanos);
  }

  /** Intended time of the next operation not yet dispatched. */
  public long nextIntendedTime() {
    return intendedTime(next);
  }

  /** Number of operations dispatched so far. */
  public long dispatched() {
    return next;
  }

  /**
   * Dispatches every operation whose intended time is at or before {@code nowNanos} and before
   * {@code endNanos}; returns how many it dispatched.
   */
  public int dispatchDue(long nowNanos, long endNanos, Dispatch dispatch) {
    int n = 0;
    long t;
    while ((t = intendedTime(next)) <= nowNanos && t < endNanos) {
      dispatch.dispatch(next++, t);
      n++;
    }
    return n;
  }
}
