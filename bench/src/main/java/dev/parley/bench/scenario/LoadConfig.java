package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;

/**
 * How to drive an open-loop load (fanout, dm).
 *
 * @param rate        total messages per second (the start rate with find-max)
 * @param findMax     step the rate up until p99 exceeds {@code p99LimitMs}
 * @param stepFactor  rate multiplier between find-max steps
 * @param maxSteps    most growth steps
 * @param refineSteps bisection steps after the first failing rate
 */
public record LoadConfig(double rate, double warmupSeconds, double durationSeconds, double drainSeconds,
                         int messageSize, boolean findMax, double p99LimitMs, double stepFactor, int maxSteps,
                         int refineSteps) {

  public LoadConfig {
    if (!(rate > 0) || !(durationSeconds > 0) || warmupSeconds < 0 || drainSeconds < 0 || messageSize < 0) {
      throw new IllegalArgumentException("need --rate > 0, --duration > 0 and non-negative --warmup, --drain, --size");
    }
  }

  public static LoadConfig from(Args a, double defaultRate) {
    return new LoadConfig(a.number("rate", defaultRate), a.number("warmup", 5), a.number("duration", 20),
        a.number("drain", 5), a.integer("size", 100), a.flag("find-max"), a.number("p99-limit-ms", 50),
        a.number("step-factor", 1.5), a.integer("max-steps", 12), a.integer("refine", 2));
  }

  LoadRun.Settings settings(double atRate) {
    return new LoadRun.Settings(atRate, warmupSeconds, durationSeconds, drainSeconds, messageSize);
  }
}
