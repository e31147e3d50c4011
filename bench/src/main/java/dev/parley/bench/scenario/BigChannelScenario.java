package dev.parley.bench.scenario;

import dev.parley.bench.Async;
import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.DeliveryListener;
import dev.parley.bench.driver.Session;
import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.driver.parley.ParleyDriver;
import dev.parley.bench.metrics.LatencyRecorder;
import dev.parley.bench.report.Progress;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * One channel of {@code members} members with {@code online} of them connected across the nodes (Parley only).
 *
 * <ol>
 *   <li>Set-up, timed: the accounts are registered through the REST API (spread over the nodes, {@code parallelism}
 *       at a time), the first creates a public channel and every other joins it with its own token
 *       ({@code POST /channels/{id}/join}, on the nodes in turn) — there is no bulk path: each join is a log entry
 *       like any other. Then {@code online} members, spread evenly over the member list, connect (member {@code j}
 *       of them to node {@code j mod nodes}).</li>
 *   <li>Sending: {@code senders} online members send at the load's rate; every message reaches the other online
 *       members ({@code send_to_receive}, split by node as in fan-out, and the per-unit costs).</li>
 *   <li>Member paging: the whole member list, page after page ({@code member_page}; {@code members_listed} must
 *       equal {@code members}).</li>
 *   <li>{@code changes} renames by the owner, joins by non-members and their leaves, one at a time: the REST call
 *       ({@code rename}, {@code join}, {@code leave}) and the time until every online socket has the event
 *       ({@code rename_to_all_online}, {@code join_to_all_online}, {@code leave_to_all_online}).</li>
 * </ol>
 */
public final class BigChannelScenario {

  private static final long EVENT_TIMEOUT_NANOS = 60_000_000_000L;

  private BigChannelScenario() {
  }

  /** Counts one kind of event across the online sessions; waits for a total. Thread-safe. */
  private static final class Arrivals {
    private long count;

    synchronized void arrive() {
      count++;
      notifyAll();
    }

    synchronized long count() {
      return count;
    }

    /** Waits until {@code total} events have arrived; false on timeout. */
    synchronized boolean await(long total) throws InterruptedException {
      long deadline = System.nanoTime() + EVENT_TIMEOUT_NANOS;
      while (count < total) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  public static RunResult run(BigChannelConfig c) {
    if (c.options().target().kind() != TargetKind.PARLEY) {
      throw new IllegalArgumentException("bigchannel is for --target parley");
    }
    String prefix = Setup.runPrefix();
    ResultBuilder b = new ResultBuilder("bigchannel", "parley", c.options().target().label())
        .param("members", c.members()).param("online", c.online()).param("senders", c.senders())
        .param("changes", c.changes()).param("page_size", c.pageSize());
    try (ParleyDriver driver = (ParleyDriver) Drivers.open(c.options())) {
      int nodes = driver.nodes();
      b.param("nodes", nodes);
      // the members, then the non-members who will join and leave
      List<BenchUser> users = timed(b, "register", c.members() + c.changes(),
          () -> Setup.users(driver, prefix, c.members() + c.changes(), c.parallelism()));
      List<BenchUser> members = users.subList(0, c.members());
      List<BenchUser> joiners = users.subList(c.members(), users.size());
      BenchUser owner = members.getFirst();
      String channel = Setup.await(driver.createPublicChannel(owner, prefix + "big", 0), "creating the channel");
      List<Integer> others = IntStream.range(1, c.members()).boxed().toList();
      timed(b, "bulk_join", others.size(), () -> Setup.await(Async.mapBounded(others, c.parallelism(),
          i -> driver.join(members.get(i), channel, i % nodes)), others.size(), "joining " + others.size() + " members"));

      Map<String, Arrivals> events = new ConcurrentHashMap<>();
      LoadRun.Deliveries deliveries = new LoadRun.Deliveries();
      int step = c.members() / c.online();
      List<BenchUser> onlineUsers = IntStream.range(0, c.online()).mapToObj(j -> members.get(j * step)).toList();
      List<Session> online = Setup.connect(driver, onlineUsers, j -> listener(deliveries.listener(j, j % nodes), channel,
          events), j -> j % nodes, c.parallelism());
      try {
        Conversation room = new Conversation(channel, false, onlineUsers);
        List<LoadRun.Lane> lanes = new ArrayList<>();
        for (int s = 0; s < c.senders(); s++) {
          int sender = s;
          List<Integer> receiverNodes = IntStream.range(0, c.online()).filter(j -> j != sender).mapToObj(j -> j % nodes)
              .toList();
          lanes.add(LoadRun.Lane.to(online.get(s), s, room, receiverNodes));
        }
        RunResult send = LoadScenario.execute("bigchannel", driver, deliveries, lanes, c.load(), c.options().engines(),
            Map.of());
        send.latencies().forEach(b::latency);
        send.counters().forEach(b::counter);
        send.notes().forEach(b::note);
        b.errors(send.errors()).server(send.server());
        page(driver, c, owner, channel, b);
        changes(driver, c, owner, joiners, channel, events, b);
      } finally {
        Setup.closeAll(online);
      }
    }
    return b.build();
  }

  private static DeliveryListener listener(DeliveryListener messages, String channel, Map<String, Arrivals> events) {
    return new DeliveryListener() {
      @Override
      public void onMessage(String content, String position) {
        messages.onMessage(content, position);
      }

      @Override
      public void onEvent(String op, String conversationId) {
        if (conversationId.equals(channel)) {
          events.computeIfAbsent(op, k -> new Arrivals()).arrive();
        }
      }
    };
  }

  /** Runs a set-up step, recording its seconds and rate as {@code <name>_s} and {@code <name>_per_sec}. */
  private static <T> T timed(ResultBuilder b, String name, int count, Supplier<T> step) {
    long start = System.nanoTime();
    Progress p = Progress.start(() -> String.format(Locale.ROOT, "[bigchannel] %s: %d of them, %.0f s so far", name, count,
        (System.nanoTime() - start) / 1e9));
    try {
      T result = step.get();
      double seconds = (System.nanoTime() - start) / 1e9;
      b.counter(name + "_s", seconds).counter(name + "_per_sec", count / seconds);
      return result;
    } finally {
      p.close();
    }
  }

  /** Pages through the whole member list, reading from the nodes in turn. */
  private static void page(ParleyDriver driver, BigChannelConfig c, BenchUser reader, String channel, ResultBuilder b) {
    LatencyRecorder pages = new LatencyRecorder();
    AtomicInteger read = new AtomicInteger();
    Progress p = Progress.start(() -> "[bigchannel] paging members: " + read.get() + " listed");
    try {
      String cursor = null;
      int page = 0;
      do {
        long t0 = System.nanoTime();
        ParleyDriver.MemberPage m = Setup.await(driver.members(reader, channel, cursor, c.pageSize(),
            page++ % driver.nodes()), "member page");
        pages.record(t0, System.nanoTime());
        read.addAndGet(m.members());
        cursor = m.nextCursor();
      } while (cursor != null);
    } finally {
      p.close();
    }
    b.latency("member_page", pages.stats()).counter("members_listed", read.get());
  }

  /** Renames, joins and leaves, one at a time, each timed until every online socket has its event. */
  private static void changes(ParleyDriver driver, BigChannelConfig c, BenchUser owner, List<BenchUser> joiners,
                              String channel, Map<String, Arrivals> events, ResultBuilder b) {
    int nodes = driver.nodes();
    LongAdder missing = new LongAdder();
    change(b, "rename", c, "CONVERSATION_UPDATE", events, missing,
        i -> driver.rename(owner, channel, "renamed " + i, i % nodes));
    change(b, "join", c, "MEMBER_ADD", events, missing, i -> driver.join(joiners.get(i), channel, i % nodes));
    change(b, "leave", c, "MEMBER_REMOVE", events, missing, i -> driver.leave(joiners.get(i), channel, (i + 1) % nodes));
    b.counter("events_not_seen_by_all_online", missing.sum());
  }

  private static void change(ResultBuilder b, String name, BigChannelConfig c, String op, Map<String, Arrivals> events,
                             LongAdder missing, java.util.function.IntFunction<CompletableFuture<Void>> call) {
    LatencyRecorder answered = new LatencyRecorder();
    LatencyRecorder seen = new LatencyRecorder();
    Arrivals arrivals = events.computeIfAbsent(op, k -> new Arrivals());
    try {
      for (int i = 0; i < c.changes(); i++) {
        long before = arrivals.count();
        long t0 = System.nanoTime();
        Setup.await(call.apply(i), name);
        answered.record(t0, System.nanoTime());
        if (arrivals.await(before + c.online())) {
          seen.record(t0, System.nanoTime());
        } else {
          missing.increment();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    b.latency(name, answered.stats()).latency(name + "_to_all_online", seen.stats());
  }
}
