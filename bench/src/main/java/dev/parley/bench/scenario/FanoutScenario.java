package dev.parley.bench.scenario;

import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.Session;
import dev.parley.bench.report.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Channels of many members: one message reaches every other member of its channel. On several nodes, member
 * {@code j} of channel {@code ch} connects to node {@code (ch + j) mod nodes}: each channel's members are spread
 * over every node, and the channels' senders (their first members) too.
 */
public final class FanoutScenario {

  private FanoutScenario() {
  }

  public static RunResult run(FanoutConfig c) {
    if (c.members() < 2 || c.senders() < 1 || c.senders() > c.channels() * c.members()) {
      throw new IllegalArgumentException("need members >= 2 and 1 <= senders <= channels * members");
    }
    String prefix = Setup.runPrefix();
    LoadRun.Deliveries deliveries = new LoadRun.Deliveries();
    try (ChatDriver driver = Drivers.open(c.options())) {
      List<BenchUser> users = Setup.users(driver, prefix, c.channels() * c.members(), c.parallelism());
      int nodes = driver.nodes();
      IntUnaryOperator nodeOf = i -> (i / c.members() + i % c.members()) % nodes;
      List<Session> sessions = Setup.connect(driver, users, i -> deliveries.listener(i, nodeOf.applyAsInt(i)), nodeOf,
          c.parallelism());
      try {
        List<Conversation> rooms = new ArrayList<>();
        for (int ch = 0; ch < c.channels(); ch++) {
          List<Session> members = sessions.subList(ch * c.members(), (ch + 1) * c.members());
          rooms.add(Setup.await(driver.createRoom(prefix + "c" + ch, members), "creating room " + ch));
        }
        List<LoadRun.Lane> lanes = new ArrayList<>();
        for (int s = 0; s < c.senders(); s++) {
          int ch = s % c.channels();
          int tag = ch * c.members() + (s / c.channels()) % c.members();
          int first = ch * c.members();
          List<Integer> receiverNodes = IntStream.range(first, first + c.members()).filter(i -> i != tag)
              .mapToObj(nodeOf::applyAsInt).toList();
          lanes.add(LoadRun.Lane.to(sessions.get(tag), tag, rooms.get(ch), receiverNodes));
        }
        return LoadScenario.execute("fanout", driver, deliveries, lanes, c.load(), c.options().engines(),
            Map.of("channels", c.channels(), "members", c.members(), "senders", c.senders()));
      } finally {
        Setup.closeAll(sessions);
      }
    }
  }
}
