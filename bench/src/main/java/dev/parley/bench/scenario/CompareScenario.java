package dev.parley.bench.scenario;

import dev.parley.bench.cost.MachineQuiet;
import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.metrics.LatencyStats;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one workload on each target in turn and reports Parley's ratios against ejabberd and nats, with the
 * goals of requirements.md ("Speed") checked. With {@code --repeat N} it does so N times, alternating the
 * targets' order, and reports every round's ratio and their median (these shared machines move a lot from
 * run to run; the median of alternating rounds is the figure to quote). {@code --warmup-rounds N} runs N rounds
 * first whose results are thrown away. Every run first waits for the machine to go quiet
 * ({@link CompareConfig#settle()}), so a server still working off the run before does not weigh on the next.
 *
 * <p>Several Parley deployments (say a single node and two three-node clusters) are compared with the first of
 * them: {@code p99_ratio_<label>_vs_<first>} and {@code <throughput>_ratio_<label>_vs_<first>}, and each one's
 * p99 ({@code <label>_p99_ms}, and {@code <label>_cross_node_p99_ms} on several nodes) is checked against the
 * cluster goal of 100 ms.
 */
public final class CompareScenario {

  /** requirements.md: p99 under 100 ms in a cluster. */
  static final double CLUSTER_P99_GOAL_MS = 100;

  private CompareScenario() {
  }

  public static RunResult run(CompareConfig c) {
    ResultBuilder b = new ResultBuilder("compare", "all", null).param("workload", c.workload()).param("repeat", c.repeat())
        .param("warmup_rounds", c.warmupRounds());
    String latency = latencyKey(c.workload());
    String throughput = throughputKey(c.workload());
    List<String> parleys = c.runs().stream().filter(r -> r.kind() == TargetKind.PARLEY)
        .map(CompareConfig.TargetRun::label).toList();
    String base = parleys.isEmpty() ? null : parleys.getFirst();
    for (int round = 0; round < c.warmupRounds(); round++) {
      for (CompareConfig.TargetRun run : order(c.runs(), round)) {
        System.err.println("compare: warm-up round " + (round + 1) + " of " + c.warmupRounds() + " (not counted): "
            + c.workload() + " on " + run.label());
        settle(c, b, "warm-up round " + (round + 1) + ": " + run.label());
        try {
          run.run().get();
        } catch (RuntimeException e) {
          b.note("warm-up round " + (round + 1) + ": " + run.label() + " failed: " + e);
        }
      }
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (int round = 0; round < c.repeat(); round++) {
      Map<String, RunResult> results = new LinkedHashMap<>();
      for (CompareConfig.TargetRun run : order(c.runs(), round)) {
        System.err.println("compare: round " + (round + 1) + " of " + c.repeat() + ": " + c.workload() + " on " + run.label());
        MachineQuiet.Outcome settled = settle(c, b, "round " + (round + 1) + ": " + run.label());
        try {
          Map<String, Object> params = new LinkedHashMap<>(Map.of("round", round + 1, "label", run.label()));
          if (settled != null) {
            params.put("settle_wait_s", String.format(Locale.ROOT, "%.1f", settled.waitedSeconds()));
            params.put("settle_busy_cores", String.format(Locale.ROOT, "%.2f", settled.busyCores()));
          }
          RunResult r = run.run().get().withParams(params);
          results.put(run.label(), r);
          b.step(r);
        } catch (RuntimeException e) {
          b.note("round " + (round + 1) + ": " + run.label() + " failed: " + e);
        }
      }
      RunResult parley = base == null ? null : results.get(base);
      for (CompareConfig.TargetRun peer : c.runs()) {
        RunResult other = results.get(peer.label());
        if (parley == null || other == null || peer.label().equals(base)) {
          continue;
        }
        boolean deployment = peer.kind() == TargetKind.PARLEY;
        String suffix = deployment ? peer.label() + "_vs_" + base : "vs_" + peer.label();
        RunResult num = deployment ? other : parley;
        RunResult den = deployment ? parley : other;
        add(series, "p99_ratio_" + suffix, ratio(p99(num, latency), p99(den, latency)));
        if (throughput != null) {
          add(series, throughput + "_ratio_" + suffix, ratio(num.counter(throughput), den.counter(throughput)));
        }
      }
      for (String label : parleys) {
        RunResult r = results.get(label);
        if (r != null) {
          add(series, label + "_p99_ms", p99(r, latency));
          add(series, label + "_cross_node_p99_ms", p99(r, latency + "_cross_node"));
        }
      }
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    series.forEach((name, values) -> medians.put(name, summarise(b, name, values)));
    for (CompareConfig.TargetRun peer : c.runs()) {
      if (peer.kind() != TargetKind.PARLEY && base != null) {
        Double p99 = medians.get("p99_ratio_vs_" + peer.label());
        Double tput = throughput == null ? null : medians.get(throughput + "_ratio_vs_" + peer.label());
        if (p99 != null || tput != null) {
          goals(b, c.workload(), peer.kind(), p99, tput);
        }
      }
    }
    if (latency.equals("send_to_receive")) {
      for (String label : parleys) {
        Double cross = medians.get(label + "_cross_node_p99_ms");
        if (cross != null) {
          verdict(b, label + ": cross-node p99 send-to-receive < " + (int) CLUSTER_P99_GOAL_MS + " ms", cross,
              cross < CLUSTER_P99_GOAL_MS, "ms");
        }
      }
    }
    return b.build();
  }

  /**
   * Waits for the machine to go quiet before a run (when the comparison does), says so when that took longer than
   * one window, and notes a run that started on a machine that did not go quiet in time.
   */
  private static MachineQuiet.Outcome settle(CompareConfig c, ResultBuilder b, String what) {
    if (c.settle() == null) {
      return null;
    }
    MachineQuiet.Outcome o = c.settle().await();
    if (!o.quiet()) {
      String text = String.format(Locale.ROOT, "%s started on a busy machine: %.2f cores busy after %.0f s of waiting",
          what, o.busyCores(), o.waitedSeconds());
      System.err.println("compare: " + text);
      b.note(text);
    } else if (o.waitedSeconds() > 1.5) {
      System.err.printf(Locale.ROOT, "compare: waited %.0f s for the machine to go quiet%n", o.waitedSeconds());
    }
    return o;
  }

  /** Odd rounds run the targets in reverse order, so neither always runs on a machine the other just warmed. */
  static List<CompareConfig.TargetRun> order(List<CompareConfig.TargetRun> runs, int round) {
    if (round % 2 == 0) {
      return runs;
    }
    List<CompareConfig.TargetRun> reversed = new ArrayList<>(runs);
    Collections.reverse(reversed);
    return reversed;
  }

  private static void add(Map<String, List<Double>> into, String name, Double value) {
    if (value != null) {
      into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  /** Records each round's value and their median (the figure to quote); returns the median. */
  private static Double summarise(ResultBuilder b, String name, List<Double> perRound) {
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
      verdict(b, "p99 send-to-receive <= 0.5x ejabberd's", p99, p99 != null && p99 <= 0.5, "ratio");
      verdict(b, "deliveries/s >= 2x ejabberd's (meaningful with --find-max)", tput, tput != null && tput >= 2, "ratio");
    }
    if (peer == TargetKind.NATS) {
      verdict(b, "deliveries/s within 2x of nats-server's (meaningful with --find-max)", tput, tput != null && tput >= 0.5,
          "ratio");
    }
  }

  private static void verdict(ResultBuilder b, String goal, Double value, boolean met, String unit) {
    b.note(String.format(Locale.ROOT, "goal: %s: %s (%s %s)", goal, value == null ? "n/a" : met ? "MET" : "NOT MET",
        unit, value == null ? "n/a" : String.format(Locale.ROOT, "%.3f", value)));
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
      case "catchup", "bigchannel" -> null;
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
