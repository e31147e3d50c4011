package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;

/** DMs: {@code pairs} pairs of users, both sides of each pair sending, at a total fixed rate. */
public record DmConfig(BenchOptions options, int pairs, LoadConfig load, int parallelism) {

  public static DmConfig from(Args a) {
    return new DmConfig(BenchOptions.from(a), a.integer("pairs", 100), LoadConfig.from(a, 500),
        a.integer("parallelism", 32));
  }
}
