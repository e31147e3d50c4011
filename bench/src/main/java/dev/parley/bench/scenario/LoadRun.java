package dev.parley.bench.scenario;

import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.DeliveryListener;
import dev.parley.bench.driver.Feature;
import dev.parley.bench.driver.Session;
import dev.parley.bench.metrics.LatencyRecorder;
import dev.parley.bench.metrics.OpenLoopSchedule;
import dev.parley.bench.metrics.Payload;
import dev.parley.bench.report.ErrorCounts;
import dev.parley.bench.report.Progress;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import dev.parley.bench.sys.ResourceSample;
import dev.parley.bench.sys.ServerMonitor;
import java.util.List;
import java.util.Locale;
import dev.parley.bench.cost.CostMeter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One open-loop load run: messages go out at a fixed total rate, round-robin over the lanes, each
 * stamped with its intended send time; send-to-ack and send-to-receive latencies are measured from
 * that time. Only messages whose intended time falls in the measured window (after the warm-up)
 * count; after the window the run waits up to the drain time for the last deliveries.
 *
 * <p>On a target of several nodes every delivery is also classed by whether the receiver's node is the sender's:
 * {@code send_to_receive_cross_node} and {@code send_to_receive_same_node} split {@code send_to_receive}, and
 * {@code cross_node_deliveries} counts those that crossed (owed: {@code expected_cross_node_deliveries}).
 */
public final class LoadRun {

  /**
   * A sender and where it sends; {@code receivers} is how many other sessions get each message, and
   * {@code crossNodeReceivers} how many of those are on another node than the sender's.
   */
  public record Lane(Session sender, int senderTag, Conversation conversation, int receivers, int crossNodeReceivers) {

    /** A lane whose receivers sit on the nodes {@code receiverNodes}. */
    public static Lane to(Session sender, int senderTag, Conversation conversation, List<Integer> receiverNodes) {
      int cross = (int) receiverNodes.stream().filter(n -> n != sender.node()).count();
      return new Lane(sender, senderTag, conversation, receiverNodes.size(), cross);
    }
  }

  /** Rate in messages per second over all lanes; times in seconds; size in characters. */
  public record Settings(double rate, double warmupSeconds, double durationSeconds, double drainSeconds,
                         int messageSize) {
  }

  /** Routes every session's deliveries to the run in progress; make one per scenario. */
  public static final class Deliveries {
    private volatile LoadRun current;

    /** The listener for the session tagged {@code receiverTag}, connected to node {@code receiverNode}. */
    public DeliveryListener listener(int receiverTag, int receiverNode) {
      return (content, position) -> {
        LoadRun run = current;
        if (run != null) {
          run.delivered(receiverTag, receiverNode, content);
        }
      };
    }
  }

  /** Dispatch lateness above which a result carries a warning note. */
  private static final double LATE_NOTE_MS = 10;

  private final String scenario;
  private final ResultBuilder result;
  private final List<Lane> lanes;
  private final Settings settings;
  private final boolean acks;
  private final LatencyRecorder ackLatency = new LatencyRecorder();
  private final LatencyRecorder receiveLatency = new LatencyRecorder();
  private final LatencyRecorder crossNodeLatency = new LatencyRecorder();
  private final LatencyRecorder sameNodeLatency = new LatencyRecorder();
  private final int nodes;
  private final boolean severalNodes;
  /** The node of each sender, by tag (-1: no lane has that tag). */
  private final int[] senderNodes;
  private final LongAdder expectedCross = new LongAdder();
  private final LongAdder expectedCrossOfFailed = new LongAdder();
  private final LongAdder deliveredCross = new LongAdder();
  private final ErrorCounts errors = new ErrorCounts();
  private final LongAdder sent = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder expected = new LongAdder();
  private final LongAdder expectedOfFailed = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder allSent = new LongAdder();
  private final LongAdder allDelivered = new LongAdder();
  private final AtomicLong maxLagNanos = new AtomicLong();
  private final long windowStart;
  private final long windowEnd;
  private final long startNanos;
  private long lastSentTick;
  private long lastDeliveredTick;

  private LoadRun(String scenario, ChatDriver driver, List<Lane> lanes, Settings settings, long startNanos) {
    this.scenario = scenario;
    this.result = new ResultBuilder(scenario, driver.target().kind().id(), driver.target().label());
    this.acks = driver.features().contains(Feature.SEND_ACK);
    this.lanes = lanes;
    this.nodes = driver.nodes();
    this.severalNodes = nodes > 1;
    this.senderNodes = new int[lanes.stream().mapToInt(Lane::senderTag).max().orElse(0) + 1];
    java.util.Arrays.fill(senderNodes, -1);
    lanes.forEach(l -> senderNodes[l.senderTag()] = l.sender().node());
    this.settings = settings;
    this.startNanos = startNanos;
    this.windowStart = startNanos + seconds(settings.warmupSeconds());
    this.windowEnd = windowStart + seconds(settings.durationSeconds());
  }

  /** Runs the load and returns its result (parameters are recorded by the caller). */
  public static RunResult run(String scenario, ChatDriver driver, Deliveries deliveries, List<Lane> lanes,
                              Settings settings, ServerMonitor monitor, CostMeter costs) {
    LoadRun run = new LoadRun(scenario, driver, lanes, settings, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10));
    double monitorFrom = monitor.now() + (run.windowStart - System.nanoTime()) / 1e9;
    deliveries.current = run;
    Progress p = Progress.start(() -> run.progressLine(monitor.latest()));
    // the first cost reading at the start of the measured window, off the sending thread
    ScheduledExecutorService costTimer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cost-reading");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<CostMeter.Reading> costFrom = costTimer.schedule(costs::read, run.windowStart - System.nanoTime(),
          TimeUnit.NANOSECONDS);
      run.sendAll();
      double monitorTo = monitor.now();
      run.drain();
      CostMeter.Reading costTo = costs.readAfterWork();
      return run.result(monitor, monitorFrom, monitorTo, costs, costFrom.get(), costTo);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading the run's costs failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    } finally {
      costTimer.shutdownNow();
      p.close();
      deliveries.current = null;
    }
  }

  private void sendAll() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(startNanos, settings.rate());
    long now;
    while ((now = System.nanoTime()) < windowEnd) {
      schedule.dispatchDue(now, windowEnd, this::dispatch);
      long wait = Math.min(schedule.nextIntendedTime(), windowEnd) - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(1)));
      }
    }
    schedule.dispatchDue(Long.MAX_VALUE, windowEnd, this::dispatch);
  }

  private void drain() {
    long deadline = System.nanoTime() + seconds(settings.drainSeconds());
    while (System.nanoTime() < deadline && !settled()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private boolean settled() {
    return delivered.sum() + expectedOfFailed.sum() >= expected.sum() && acked.sum() + failed.sum() >= sent.sum();
  }

  private void dispatch(long index, long intendedNanos) {
    Lane lane = lanes.get((int) (index % lanes.size()));
    boolean measured = intendedNanos >= windowStart;
    if (measured) {
      maxLagNanos.accumulateAndGet(System.nanoTime() - intendedNanos, Math::max);
    }
    String content = new Payload(intendedNanos, lane.senderTag()).encode(settings.messageSize());
    allSent.increment();
    if (measured) {
      sent.increment();
      expected.add(lane.receivers());
      expectedCross.add(lane.crossNodeReceivers());
    }
    CompletableFuture<Void> ack;
    try {
      ack = lane.sender().send(lane.conversation(), content);
    } catch (RuntimeException e) {
      ack = CompletableFuture.failedFuture(e);
    }
    ack.whenComplete((v, e) -> {
      if (e != null) {
        errors.add(e);
        if (measured) {
          failed.increment();
          expectedOfFailed.add(lane.receivers());
          expectedCrossOfFailed.add(lane.crossNodeReceivers());
        }
      } else if (measured) {
        acked.increment();
        if (acks) {
          ackLatency.record(intendedNanos, System.nanoTime());
        }
      }
    });
  }

  private void delivered(int receiverTag, int receiverNode, String content) {
    Payload p = Payload.decode(content);
    if (p == null || p.senderTag() == receiverTag) {
      return; // not ours, or the sender's own echo
    }
    long now = System.nanoTime();
    allDelivered.increment();
    if (p.intendedNanos() >= windowStart && p.intendedNanos() < windowEnd) {
      delivered.increment();
      receiveLatency.record(p.intendedNanos(), now);
      if (severalNodes) {
        int from = p.senderTag() < senderNodes.length ? senderNodes[p.senderTag()] : -1;
        if (from >= 0 && from != receiverNode) {
          deliveredCross.increment();
          crossNodeLatency.record(p.intendedNanos(), now);
        } else {
          sameNodeLatency.record(p.intendedNanos(), now);
        }
      }
    }
  }

  private synchronized String progressLine(ResourceSample server) {
    long now = System.nanoTime();
    String phase = now < windowStart ? "warmup" : now < windowEnd ? "measure" : "drain";
    long s = allSent.sum();
    long d = allDelivered.sum();
    double p99 = receiveLatency.takeInterval().getValueAtPercentile(99) / 1000.0;
    String line = String.format(Locale.ROOT,
        "[%s] %-7s t=%5.1fs sent %6d/s recv %8d/s p99(1s) %8.2f ms errors %d lag %.0f ms | server cpu %s rss %s",
        scenario, phase, (now - startNanos) / 1e9, s - lastSentTick, d - lastDeliveredTick, p99,
        errors.total(), maxLagNanos.get() / 1e6, pct(server.cpuPercent()), mib(server.rssBytes()));
    lastSentTick = s;
    lastDeliveredTick = d;
    return line;
  }

  private RunResult result(ServerMonitor monitor, double monitorFrom, double monitorTo, CostMeter costs,
                           CostMeter.Reading costFrom, CostMeter.Reading costTo) {
    double duration = settings.durationSeconds();
    long deliveredCount = delivered.sum();
    long lost = Math.max(0, expected.sum() - expectedOfFailed.sum() - deliveredCount);
    ResultBuilder b = result
        .param("rate", settings.rate())
        .param("warmup_s", settings.warmupSeconds())
        .param("duration_s", duration)
        .param("message_size", settings.messageSize())
        .param("lanes", lanes.size())
        .latency("send_to_receive", receiveLatency.stats());
    if (severalNodes) {
      b.param("nodes", nodes);
      b.latency("send_to_receive_cross_node", crossNodeLatency.stats())
          .latency("send_to_receive_same_node", sameNodeLatency.stats());
    }
    b.counter("offered_rate", settings.rate()).counter("sent", sent.sum());
    if (acks) {
      b.latency("send_to_ack", ackLatency.stats()).counter("acked", acked.sum());
    }
    double lagMs = maxLagNanos.get() / 1e6;
    if (lagMs > LATE_NOTE_MS) {
      b.note(String.format(Locale.ROOT, "the tool itself sent up to %.0f ms late: the client side (or a busy machine)"
          + " limited this run; the lateness is counted as latency", lagMs));
    }
    b.counter("achieved_rate", (acks ? acked.sum() : sent.sum() - failed.sum()) / duration)
        .counter("expected_deliveries", expected.sum() - expectedOfFailed.sum())
        .counter("deliveries", deliveredCount)
        .counter("lost", lost)
        .counter("deliveries_per_sec", deliveredCount / duration);
    if (severalNodes) {
      b.counter("expected_cross_node_deliveries", expectedCross.sum() - expectedCrossOfFailed.sum())
          .counter("cross_node_deliveries", deliveredCross.sum())
          .counter("cross_node_share", deliveredCount == 0 ? 0 : deliveredCross.sum() / (double) deliveredCount);
    }
    costs.perUnit(costFrom, costTo, acks ? acked.sum() : sent.sum() - failed.sum(), deliveredCount)
        .forEach(b::counter);
    return b
        .counter("max_dispatch_lag_ms", lagMs)
        .errors(errors.snapshot())
        .server(monitor.usage(monitorFrom, monitorTo))
        .build();
  }

  static String pct(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", v);
  }

  static String mib(Long bytes) {
    return bytes == null ? "n/a" : String.format(Locale.ROOT, "%.0fMiB", bytes / (1024.0 * 1024.0));
  }

  private static long seconds(double s) {
    return (long) (s * 1e9);
  }
}
