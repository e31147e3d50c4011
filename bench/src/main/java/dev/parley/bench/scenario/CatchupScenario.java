package dev.parley.bench.scenario;

import dev.parley.bench.Async;
import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.CatchupMark;
import dev.parley.bench.driver.CatchupTiming;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.DeliveryListener;
import dev.parley.bench.driver.Feature;
import dev.parley.bench.driver.Session;
import dev.parley.bench.metrics.LatencyRecorder;
import dev.parley.bench.metrics.Payload;
import dev.parley.bench.report.ErrorCounts;
import dev.parley.bench.report.Progress;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import dev.parley.bench.sys.ServerMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * A user with {@code conversations} DMs goes offline, misses {@code missed} messages across them,
 * and reconnects: time from resuming (Parley IDENTIFY) until everything missed has arrived
 * (CATCHUP_DONE). Every repetition resumes from the same point, so the server replays the same
 * events each time. On several nodes the user starts on node 0 and resumes on node 1 (a node other than the one
 * it left), and its peers sit on the other nodes than 0.
 */
public final class CatchupScenario {

  private CatchupScenario() {
  }

  public static RunResult run(CatchupConfig c) {
    String prefix = Setup.runPrefix();
    try (ChatDriver driver = Drivers.open(c.options())) {
      Drivers.require(driver, Feature.CATCHUP, "catchup");
      Drivers.require(driver, Feature.DM, "catchup");
      AtomicInteger seen = new AtomicInteger();
      DeliveryListener counting = (content, position) -> {
        if (Payload.decode(content) != null) {
          seen.incrementAndGet();
        }
      };
      List<BenchUser> users = Setup.users(driver, prefix, c.conversations() + 1, c.parallelism());
      int nodes = driver.nodes();
      List<Session> sessions = Setup.connect(driver, users, i -> i == 0 ? counting : DeliveryListener.IGNORE,
          i -> i == 0 || nodes == 1 ? 0 : 1 + (i - 1) % (nodes - 1), c.parallelism());
      Session user = sessions.getFirst();
      List<Session> peers = sessions.subList(1, sessions.size());
      try {
        List<Conversation> dms = Setup.await(Async.mapBounded(peers, c.parallelism(), p -> driver.openDm(p, user)),
            "opening DMs");
        // one message seen live in every conversation, so the resume point covers them all
        sendEach(peers, dms, 1, c);
        awaitCount(seen, c.conversations());
        CatchupMark mark = user.catchupMark();
        Setup.await(user.close(), "disconnecting the user");
        int perConversation = c.missed() / c.conversations();
        sendEach(peers, dms, perConversation, c);
        return measure(driver, c, users.getFirst(), mark, perConversation * c.conversations(), nodes > 1 ? 1 : 0);
      } finally {
        Setup.closeAll(sessions);
      }
    }
  }

  private static void sendEach(List<Session> peers, List<Conversation> dms, int perConversation, CatchupConfig c) {
    List<Integer> sends = IntStream.range(0, peers.size() * perConversation).boxed().toList();
    Setup.await(Async.mapBounded(sends, c.parallelism(), i -> peers.get(i % peers.size())
        .send(dms.get(i % peers.size()), new Payload(System.nanoTime(), i % peers.size() + 1).encode(c.messageSize()))),
        "sending " + sends.size() + " messages");
  }

  private static void awaitCount(AtomicInteger seen, int wanted) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (seen.get() < wanted) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the user received " + seen.get() + " of " + wanted + " messages");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
    }
  }

  private static RunResult measure(ChatDriver driver, CatchupConfig c, BenchUser user, CatchupMark mark, int missed,
                                   int resumeNode) {
    LatencyRecorder latency = new LatencyRecorder();
    ErrorCounts errors = new ErrorCounts();
    LongAdder incomplete = new LongAdder();
    LongAdder events = new LongAdder();
    AtomicInteger done = new AtomicInteger();
    List<Integer> counts = new ArrayList<>();
    ResultBuilder b = new ResultBuilder("catchup", driver.target().kind().id(), driver.target().label())
        .param("conversations", c.conversations()).param("missed", missed).param("reps", c.reps());
    if (driver.nodes() > 1) {
      b.param("nodes", driver.nodes()).param("left_node", 0).param("resume_node", resumeNode);
    }
    Progress p = Progress.start(() -> String.format(Locale.ROOT, "[catchup] rep %d/%d p99(1s) %.2f ms errors %d",
        done.get(), c.warmupReps() + c.reps(), latency.takeInterval().getValueAtPercentile(99) / 1000.0,
        errors.total()));
    try (ServerMonitor monitor = Monitors.start(driver.target())) {
      double from = monitor.now();
      for (int rep = 0; rep < c.warmupReps() + c.reps(); rep++) {
        try {
          CatchupTiming t = Setup.await(driver.catchUp(user, mark, resumeNode), "catch-up");
          if (rep >= c.warmupReps()) {
            latency.recordMicros(t.nanos() / 1000);
            events.add(t.events());
            counts.add(t.events());
            if (t.events() < missed) {
              incomplete.increment();
            }
          }
        } catch (RuntimeException e) {
          errors.add(e);
        }
        done.incrementAndGet();
      }
      b.server(monitor.usage(from, monitor.now()));
    } finally {
      p.close();
    }
    return b.latency("catchup", latency.stats())
        .counter("reps", counts.size())
        .counter("events_per_catchup", counts.isEmpty() ? 0 : events.sum() / (double) counts.size())
        .counter("incomplete", incomplete.sum())
        .errors(errors.snapshot())
        .build();
  }
}
