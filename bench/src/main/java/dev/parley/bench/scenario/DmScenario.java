package dev.parley.bench.scenario;

import dev.parley.bench.Async;
import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.Feature;
import dev.parley.bench.driver.Session;
import dev.parley.bench.report.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * One-to-one chats: users {@code 2i} and {@code 2i+1} talk to each other. On several nodes, user {@code 2i}
 * connects to node {@code i mod nodes} and user {@code 2i+1} to the next node, so every pair spans two nodes.
 */
public final class DmScenario {

  private DmScenario() {
  }

  public static RunResult run(DmConfig c) {
    String prefix = Setup.runPrefix();
    LoadRun.Deliveries deliveries = new LoadRun.Deliveries();
    try (ChatDriver driver = Drivers.open(c.options())) {
      Drivers.require(driver, Feature.DM, "dm");
      List<BenchUser> users = Setup.users(driver, prefix, 2 * c.pairs(), c.parallelism());
      int nodes = driver.nodes();
      IntUnaryOperator nodeOf = i -> (i / 2 + i % 2) % nodes;
      List<Session> sessions = Setup.connect(driver, users, i -> deliveries.listener(i, nodeOf.applyAsInt(i)), nodeOf,
          c.parallelism());
      try {
        List<Integer> pairs = IntStream.range(0, c.pairs()).boxed().toList();
        List<Conversation> dms = Setup.await(Async.mapBounded(pairs, c.parallelism(),
            i -> driver.openDm(sessions.get(2 * i), sessions.get(2 * i + 1))), "opening DMs");
        List<LoadRun.Lane> lanes = new ArrayList<>();
        for (int i = 0; i < c.pairs(); i++) {
          Session a = sessions.get(2 * i);
          Session b = sessions.get(2 * i + 1);
          lanes.add(LoadRun.Lane.to(a, 2 * i, dms.get(i), List.of(b.node())));
          lanes.add(LoadRun.Lane.to(b, 2 * i + 1, dms.get(i), List.of(a.node())));
        }
        return LoadScenario.execute("dm", driver, deliveries, lanes, c.load(), c.options().engines(),
            Map.of("pairs", c.pairs()));
      } finally {
        Setup.closeAll(sessions);
      }
    }
  }
}
