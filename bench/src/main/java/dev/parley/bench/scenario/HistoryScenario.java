package dev.parley.bench.scenario;

import dev.parley.bench.Async;
import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.DeliveryListener;
import dev.parley.bench.driver.Feature;
import dev.parley.bench.driver.Session;
import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.driver.parley.ParleyDriver;
import dev.parley.bench.metrics.LatencyRecorder;
import dev.parley.bench.metrics.Payload;
import dev.parley.bench.report.ErrorCounts;
import dev.parley.bench.report.Progress;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import dev.parley.bench.sys.ServerMonitor;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Reading 100-message history pages at random depths of a large conversation. On several nodes the loader writes
 * through node 0 and the pages are read from every node in turn (a preloaded conversation) or from node 1.
 */
public final class HistoryScenario {

  private HistoryScenario() {
  }

  /** A conversation to read, the positions of its messages (oldest first) and member sessions to read it with. */
  private record Loaded(List<Session> readers, Conversation conversation, List<String> positions, double loadSeconds) {
  }

  public static RunResult run(HistoryConfig c) {
    try (ChatDriver driver = Drivers.open(c.options())) {
      Drivers.require(driver, Feature.HISTORY, "history");
      ResultBuilder b = new ResultBuilder("history", driver.target().kind().id(), driver.target().label())
          .param("limit", c.limit()).param("reads", c.reads()).param("concurrency", c.concurrency());
      if (driver.nodes() > 1) {
        b.param("nodes", driver.nodes());
      }
      List<Session> sessions = new ArrayList<>();
      try {
        Loaded loaded = c.preloadedConversation() != null ? preloaded(driver, c, sessions) : load(driver, c, sessions);
        b.param("messages", loaded.positions().size());
        if (loaded.loadSeconds() > 0) {
          b.counter("load_rate_per_sec", loaded.positions().size() / loaded.loadSeconds());
        }
        if (loaded.positions().size() <= c.limit()) {
          throw new IllegalStateException("the conversation holds " + loaded.positions().size()
              + " messages; history needs more than --limit " + c.limit());
        }
        read(driver, c, loaded, b);
        return b.build();
      } finally {
        Setup.closeAll(sessions);
      }
    }
  }

  private static Loaded preloaded(ChatDriver driver, HistoryConfig c, List<Session> sessions) {
    if (driver.target().kind() != TargetKind.PARLEY || c.token() == null) {
      throw new IllegalArgumentException("--preloaded-conversation is for --target parley and needs --token");
    }
    BenchUser reader = new BenchUser("preloaded", null, null, c.token());
    long lastSeq = Setup.await(((ParleyDriver) driver).lastSeq(c.token(), c.preloadedConversation()), "reading last_seq");
    for (int node = 0; node < driver.nodes(); node++) {
      sessions.add(Setup.await(driver.connect(reader, DeliveryListener.IGNORE, node), "connecting the reader"));
    }
    List<String> seqs = new AbstractList<>() {
      @Override
      public String get(int i) {
        return Long.toString(i + 1L);
      }

      @Override
      public int size() {
        return (int) Math.min(lastSeq, Integer.MAX_VALUE);
      }
    };
    return new Loaded(List.copyOf(sessions), new Conversation(c.preloadedConversation(), false, List.of(reader)), seqs, 0);
  }

  private static Loaded load(ChatDriver driver, HistoryConfig c, List<Session> sessions) {
    String prefix = Setup.runPrefix();
    List<String> positions = Collections.synchronizedList(new ArrayList<>(c.messages()));
    DeliveryListener collect = (content, position) -> {
      if (position != null && Payload.decode(content) != null) {
        positions.add(position);
      }
    };
    List<BenchUser> users = Setup.users(driver, prefix, 2, 2);
    int readerNode = driver.nodes() > 1 ? 1 : 0;
    sessions.addAll(Setup.connect(driver, users, i -> i == 1 ? collect : DeliveryListener.IGNORE,
        i -> i == 1 ? readerNode : 0, 2));
    Session writer = sessions.get(0);
    Conversation room = Setup.await(driver.createRoom(prefix + "h", sessions), "creating the room");
    long start = System.nanoTime();
    LongAdder acked = new LongAdder();
    Progress p = Progress.start(() -> String.format(Locale.ROOT, "[history] loading %d/%d acked, %d received",
        acked.sum(), c.messages(), positions.size()));
    try {
      List<Integer> ids = IntStream.range(0, c.messages()).boxed().toList();
      Setup.await(Async.mapBounded(ids, c.loadWindow(), i -> writer.send(room,
          new Payload(System.nanoTime(), 0).encode(c.messageSize())).whenComplete((v, e) -> acked.increment())),
          "loading " + c.messages() + " messages");
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (positions.size() < c.messages() && System.nanoTime() < deadline) {
        sleep(20);
      }
    } finally {
      p.close();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (positions.size() < c.messages()) {
      throw new IllegalStateException("the reader received " + positions.size() + " of " + c.messages() + " messages");
    }
    return new Loaded(List.of(sessions.get(1)), room, List.copyOf(positions), seconds);
  }

  private static void read(ChatDriver driver, HistoryConfig c, Loaded loaded, ResultBuilder b) {
    LatencyRecorder latency = new LatencyRecorder();
    ErrorCounts errors = new ErrorCounts();
    LongAdder shortPages = new LongAdder();
    AtomicInteger remaining = new AtomicInteger(c.warmupReads() + c.reads());
    AtomicInteger done = new AtomicInteger();
    int positions = loaded.positions().size();
    ServerMonitor monitor = Monitors.start(driver.target());
    double from = monitor.now();
    long start = System.nanoTime();
    Progress p = Progress.start(() -> String.format(Locale.ROOT, "[history] read %d/%d p99(1s) %.2f ms errors %d",
        done.get(), c.warmupReads() + c.reads(), latency.takeInterval().getValueAtPercentile(99) / 1000.0,
        errors.total()));
    try (monitor; ExecutorService readers = Executors.newFixedThreadPool(c.concurrency())) {
      for (int w = 0; w < c.concurrency(); w++) {
        readers.execute(() -> {
          int n;
          while ((n = remaining.decrementAndGet()) >= 0) {
            boolean measured = n < c.reads();
            String before = loaded.positions().get(ThreadLocalRandom.current().nextInt(c.limit(), positions));
            try {
              Session reader = loaded.readers().get(n % loaded.readers().size());
              Session.HistoryRead page = Setup.await(reader.history(loaded.conversation(), before, c.limit()),
                  "history page");
              if (measured) {
                latency.record(page.sentNanos(), page.receivedNanos());
                if (page.count() < c.limit()) {
                  shortPages.increment();
                }
              }
            } catch (RuntimeException e) {
              errors.add(e);
            }
            done.incrementAndGet();
          }
        });
      }
    } finally {
      p.close();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    b.latency("history_page", latency.stats())
        .counter("reads", c.reads())
        .counter("reads_per_sec", (c.warmupReads() + c.reads()) / seconds)
        .counter("short_pages", shortPages.sum())
        .errors(errors.snapshot())
        .server(monitor.usage(from, monitor.now()));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }
}
