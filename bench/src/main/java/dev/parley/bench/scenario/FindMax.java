package dev.parley.bench.scenario;

import dev.parley.bench.report.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Predicate;

/**
 * Finds the highest rate that still passes: the rate grows by {@code factor} each step until a step
 * fails, then {@code refineSteps} bisections between the last pass and the first failure.
 */
public final class FindMax {

  /** The best passing rate (0 when none passed), its run (null then), and every step in order. */
  public record Outcome(double bestRate, RunResult best, List<RunResult> steps) {
  }

  private FindMax() {
  }

  public static Outcome search(double startRate, double factor, int maxSteps, int refineSteps,
                               Predicate<RunResult> passes, DoubleFunction<RunResult> trial) {
    if (!(factor > 1)) {
      throw new IllegalArgumentException("step factor must be > 1: " + factor);
    }
    List<RunResult> steps = new ArrayList<>();
    double bestRate = 0;
    RunResult best = null;
    double failedRate = Double.NaN;
    double rate = startRate;
    for (int i = 0; i < maxSteps; i++) {
      RunResult r = trial.apply(rate);
      steps.add(r);
      if (!passes.test(r)) {
        failedRate = rate;
        break;
      }
      bestRate = rate;
      best = r;
      rate *= factor;
    }
    if (best != null && !Double.isNaN(failedRate)) {
      for (int i = 0; i < refineSteps; i++) {
        double mid = Math.rint((bestRate + failedRate) / 2);
        if (mid <= bestRate || mid >= failedRate) {
          break;
        }
        RunResult r = trial.apply(mid);
        steps.add(r);
        if (passes.test(r)) {
          bestRate = mid;
          best = r;
        } else {
          failedRate = mid;
        }
      }
    }
    return new Outcome(bestRate, best, List.copyOf(steps));
  }

  /**
   * The usual pass rule: p99 send-to-receive at most {@code p99LimitMs}, and at most 0.1% of
   * messages or deliveries lost or refused.
   */
  public static Predicate<RunResult> underP99(double p99LimitMs) {
    return r -> {
      double sent = r.counter("sent");
      double expected = r.counter("expected_deliveries");
      long errors = r.errors().values().stream().mapToLong(Long::longValue).sum();
      return sent > 0
          && r.latency("send_to_receive").count() > 0
          && r.latency("send_to_receive").p99Ms() <= p99LimitMs
          && r.counter("lost") <= 0.001 * expected
          && errors <= 0.001 * sent;
    };
  }
}
