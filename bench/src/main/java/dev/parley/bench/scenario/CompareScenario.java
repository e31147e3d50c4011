package dev.parley.bench.scenario;

import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.metrics.LatencyStats;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one workload on each target in turn and reports Parley's ratios against ejabberd and nats,
 * with the goals of requirements.md ("Speed") checked.
 */
public final class CompareScenario {

  private CompareScenario() {
  }

  public static RunResult run(CompareConfig c) {
    Map<TargetKind, RunResult> results = new EnumMap<>(TargetKind.class);
    ResultBuilder b = new ResultBuilder("compare", "all", null).param("workload", c.workload());
    for (CompareConfig.TargetRun run : c.runs()) {
      System.err.println("compare: running " + c.workload() + " on " + run.kind().id());
      try {
        RunResult r = run.run().get();
        results.put(run.kind(), r);
        b.step(r);
      } catch (RuntimeException e) {
        b.note(run.kind().id() + " failed: " + e);
      }
    }
    RunResult parley = results.get(TargetKind.PARLEY);
    String latency = latencyKey(c.workload());
    String throughput = throughputKey(c.workload());
    for (TargetKind peer : new TargetKind[] {TargetKind.EJABBERD, TargetKind.NATS}) {
      RunResult other = results.get(peer);
      if (parley == null || other == null) {
        continue;
      }
      Double p99 = ratio(p99(parley, latency), p99(other, latency));
      Double tput = throughput == null ? null : ratio(parley.counter(throughput), other.counter(throughput));
      if (p99 != null) {
        b.counter("p99_ratio_vs_" + peer.id(), p99);
      }
      if (tput != null) {
        b.counter(throughput + "_ratio_vs_" + peer.id(), tput);
      }
      goals(b, c.workload(), peer, p99, tput);
    }
    return b.build();
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
