package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;

/**
 * Fan-out: {@code channels} rooms of {@code members} distinct users each; {@code senders} of them
 * (spread over the rooms) send at a total fixed rate.
 *
 * @param parallelism setup calls (registrations, connects) in flight at once
 */
public record FanoutConfig(BenchOptions options, int channels, int members, int senders, LoadConfig load,
                           int parallelism) {

  public static FanoutConfig from(Args a) {
    int channels = a.integer("channels", 10);
    return new FanoutConfig(BenchOptions.from(a), channels, a.integer("members", 50),
        a.integer("senders", channels), LoadConfig.from(a, 200), a.integer("parallelism", 32));
  }
}
