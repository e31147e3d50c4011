package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;

/**
 * Catch-up: a user misses {@code missed} messages spread over {@code conversations} DMs, then
 * reconnects {@code warmupReps + reps} times from the same point.
 */
public record CatchupConfig(BenchOptions options, int conversations, int missed, int reps, int warmupReps,
                            int messageSize, int parallelism) {

  public static CatchupConfig from(Args a) {
    return new CatchupConfig(BenchOptions.from(a), a.integer("conversations", 50), a.integer("missed", 1000),
        a.integer("reps", 100), a.integer("warmup-reps", 5), a.integer("size", 100), a.integer("parallelism", 32));
  }
}
