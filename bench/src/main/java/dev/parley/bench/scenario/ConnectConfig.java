package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;

/**
 * Idle connections: {@code connections} authenticated sessions over {@code users} accounts, opened
 * {@code concurrency} at a time, held {@code holdSeconds}.
 *
 * @param procs client processes to spread the connections over (one process may open at most
 *              about 19,000 sockets here); each child connects from its own 127.0.0.x address
 * @param serverGc    before each memory reading of a local Parley node, have it collect garbage
 *                    ({@code jcmd PID GC.run}) so that the heap figures are live data
 */
public record ConnectConfig(BenchOptions options, int connections, int users, int concurrency, double holdSeconds,
                            int procs, boolean serverGc) {

  public static ConnectConfig from(Args a) {
    int connections = a.integer("connections", 1000);
    return new ConnectConfig(BenchOptions.from(a), connections, a.integer("users", Math.max(1, connections / 10)),
        a.integer("concurrency", 100), a.number("hold", 10), a.integer("procs", 1), !a.flag("no-server-gc"));
  }
}
