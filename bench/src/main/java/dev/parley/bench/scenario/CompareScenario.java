package dev.parley.bench.scenario;

import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.metrics.LatencyStats;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one workload on each target in turn and reports Parley's ratios against ejabberd and nats, with the
 * goals of requirements.md ("Speed") checked. With {@code --repeat N} it does so N times, alternating the
 * targets' order, and reports every round's ratio and their median (these shared machines move a lot from
 * run to run; the median of alternating rounds is the figure to quote).
 */
public final class CompareScenario {

  private CompareScenario() {
  }

  public static RunResult run(CompareConfig c) {
    ResultBuilder b = new ResultBuilder("compare", "all", null).param("workload", c.workload()).param("repeat", c.repeat());
    String latency = latencyKey(c.workload());
    String throughput = throughputKey(c.workload());
    Map<TargetKind, List<Double>> p99Ratios = new EnumMap<>(TargetKind.class);
    Map<TargetKind, List<Double>> tputRatios = new EnumMap<>(TargetKind.class);
    for (int round = 0; round < c.repeat(); round++) {
      Map<TargetKind, RunResult> results = new EnumMap<>(TargetKind.class);
      for (CompareConfig.TargetRun run : order(c.runs(), round)) {
        System.err.println("compare: round " + (round + 1) + " of " + c.repeat() + ": " + c.workload() + " on " + run.kind().id());
        try {
          RunResult r = run.run().get().withParams(Map.of("round", round + 1));
          results.put(run.kind(), r);
          b.step(r);
        } catch (RuntimeException e) {
          b.note("round " + (round + 1) + ": " + run.kind().id() + " failed: " + e);
        }
      }
      RunResult parley = results.get(TargetKind.PARLEY);
      for (TargetKind peer : PEERS) {
        RunResult other = results.get(peer);
        if (parley == null || other == null) {
          continue;
        }
        add(p99Ratios, peer, ratio(p99(parley, latency), p99(other, latency)));
        if (throughput != null) {
          add(tputRatios, peer, ratio(parley.counter(throughput), other.counter(throughput)));
        }
      }
    }
    for (TargetKind peer : PEERS) {
      Double p99 = summarise(b, "p99_ratio_vs_" + peer.id(), p99Ratios.get(peer));
      Double tput = throughput == null ? null : summarise(b, throughput + "_ratio_vs_" + peer.id(), tputRatios.get(peer));
      if (p99 != null || tput != null) {
        goals(b, c.workload(), peer, p99, tput);
      }
    }
    return b.build();
  }

  private static final TargetKind[] PEERS = {TargetKind.EJABBERD, TargetKind.NATS};

  /** Odd rounds run the targets in reverse order, so neither always runs on a machine the other just warmed. */
  static List<CompareConfig.TargetRun> order(List<CompareConfig.TargetRun> runs, int round) {
    if (round % 2 == 0) {
      return runs;
    }
    List<CompareConfig.TargetRun> reversed = new ArrayList<>(runs);
    Collections.reverse(reversed);
    return reversed;
  }

  private static void add(Map<TargetKind, List<Double>> into, TargetKind peer, Double value) {
    if (value != null) {
      into.computeIfAbsent(peer, k -> new ArrayList<>()).add(value);
    }
  }

  /** Records each round's ratio and their median (the figure to quote); returns the median, or null. */
  private static Double summarise(ResultBuilder b, String name, List<Double> perRound) {
    if (perRound == null || perRound.isEmpty()) {
      return null;
    }
    double median = median(perRound);
    b.counter(name, median);
    if (perRound.size() > 1) {
      for (int i = 0; i < perRound.size(); i++) {
        b.counter(name + "_round" + (i + 1), perRound.get(i));
      }
      b.note(String.format(Locale.ROOT, "%s per round: %s; median %.3f", name,
          perRound.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList(), median));
    }
    return median;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void goals(ResultBuilder b, String workload, TargetKind peer, Double p99, Double tput) {
    boolean load = workload.equals("fanout") || workload.equals("dm");
    if (peer == TargetKind.EJABBERD && load) {
      verdict(b, "p99 send-to-receive <= 0.5x ejabberd's", p99, p99 != null && p99 <= 0.5);
      verdict(b, "deliveries/s >= 2x ejabberd's (meaningful with --find-max)", tput, tput != null && tput >= 2);
    }
    if (peer == TargetKind.NATS) {
      verdict(b, "deliveries/s within 2x of nats-server's (meaningful with --find-max)", tput, tput != null && tput >= 0.5);
    }
  }

  private static void verdict(ResultBuilder b, String goal, Double value, boolean met) {
    b.note(String.format(Locale.ROOT, "goal: %s: %s (ratio %s)", goal, value == null ? "n/a" : met ? "MET" : "NOT MET",
        value == null ? "n/a" : String.format(Locale.ROOT, "%.3f", value)));
  }

  static String latencyKey(String workload) {
    return switch (workload) {
      case "history" -> "history_page";
      case "catchup" -> "catchup";
      case "connect" -> "connect";
      default -> "send_to_receive";
    };
  }

  static String throughputKey(String workload) {
    return switch (workload) {
      case "history" -> "reads_per_sec";
      case "connect" -> "connect_rate_per_sec";
      case "catchup" -> null;
      default -> "deliveries_per_sec";
    };
  }

  private static Double p99(RunResult r, String key) {
    LatencyStats s = r.latency(key);
    return s == null || s.count() == 0 ? null : s.p99Ms();
  }

  private static Double ratio(Double a, Double b) {
    return a == null || b == null || b == 0 ? null : a / b;
  }
}
