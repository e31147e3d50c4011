package dev.parley.bench.cost;

import java.util.function.LongSupplier;

/**
 * Waits until the machine is quiet before a compared run: a server that fell behind in the run before (ejabberd
 * still delivering seconds of fan-out backlog, say) would otherwise go on working through the next target's run and
 * count against it. Quiet means the machine's busy time over one window, every process included, stayed at or below
 * a number of cores.
 */
public final class MachineQuiet {

  /** What a wait came to: how long it took, the busy cores of the last window, and whether that was quiet. */
  public record Outcome(double waitedSeconds, double busyCores, boolean quiet) {
  }

  /** Sleeps for a number of milliseconds; a test passes one that only moves its clock. */
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final double maxBusyCores;
  private final long windowMillis;
  private final long maxWaitMillis;
  private final LongSupplier busyNanos;
  private final LongSupplier clockNanos;
  private final Sleeper sleeper;

  /** {@code busyNanos}: the machine's busy time so far; {@code clockNanos}: a monotonic clock. */
  public MachineQuiet(double maxBusyCores, long windowMillis, long maxWaitMillis, LongSupplier busyNanos, LongSupplier clockNanos,
               Sleeper sleeper) {
    this.maxBusyCores = maxBusyCores;
    this.windowMillis = windowMillis;
    this.maxWaitMillis = maxWaitMillis;
    this.busyNanos = busyNanos;
    this.clockNanos = clockNanos;
    this.sleeper = sleeper;
  }

  /** On this machine's /proc/stat, in windows of one second. */
  public static MachineQuiet of(double maxBusyCores, long maxWaitMillis) {
    return new MachineQuiet(maxBusyCores, 1_000, maxWaitMillis, CostMeter::machineBusyNanos, System::nanoTime,
        Thread::sleep);
  }

  /**
   * Watches windows until one is quiet or {@code maxWaitMillis} have passed (then the last window's figure is
   * returned, not quiet). The time waited counts from the start, the quiet window included.
   */
  public Outcome await() {
    long start = clockNanos.getAsLong();
    double busy;
    while (true) {
      long fromBusy = busyNanos.getAsLong();
      long from = clockNanos.getAsLong();
      try {
        sleeper.sleep(windowMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome((clockNanos.getAsLong() - start) / 1e9, Double.NaN, false);
      }
      long now = clockNanos.getAsLong();
      busy = (busyNanos.getAsLong() - fromBusy) / (double) Math.max(1, now - from);
      double waited = (now - start) / 1e9;
      if (busy <= maxBusyCores) {
        return new Outcome(waited, busy, true);
      }
      if (now - start >= maxWaitMillis * 1_000_000L) {
        return new Outcome(waited, busy, false);
      }
    }
  }
}
