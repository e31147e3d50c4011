package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;

/**
 * A big channel (Parley only): {@code members} accounts in one public channel, {@code online} of them connected
 * (spread over the nodes), {@code senders} of those sending at the load's rate; then the member list paged through
 * and {@code changes} renames, joins and leaves timed.
 *
 * @param parallelism REST calls in flight while creating the accounts and joining them
 * @param pageSize    members per page (the API allows 1 to 100)
 */
public record BigChannelConfig(BenchOptions options, int members, int online, int senders, int changes, int pageSize,
                               LoadConfig load, int parallelism) {

  public BigChannelConfig {
    if (members < 2 || online < 2 || online > members || senders < 1 || senders > online || changes < 1
        || pageSize < 1 || pageSize > 100) {
      throw new IllegalArgumentException("need 2 <= --online <= --members, 1 <= --senders <= --online, --changes >= 1"
          + " and 1 <= --page-size <= 100");
    }
  }

  public static BigChannelConfig from(Args a) {
    return new BigChannelConfig(BenchOptions.from(a), a.integer("members", 100_000), a.integer("online", 300),
        a.integer("senders", 10), a.integer("changes", 20), a.integer("page-size", 100), LoadConfig.from(a, 20),
        a.integer("parallelism", 64));
  }
}
