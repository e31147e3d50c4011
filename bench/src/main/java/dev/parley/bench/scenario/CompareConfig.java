package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;
import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.report.RunResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * One workload against several targets, one after the other, with the same parameters. Per target:
 * {@code --<target>-url} and {@code --<target>-pid}; nats joins fan-out workloads only.
 *
 * @param runs the prepared run of each target, in order
 * @param repeat how many rounds: each runs every target once, alternating their order from round to round
 */
public record CompareConfig(String workload, List<TargetRun> runs, int repeat) {

  /** One target's prepared run. */
  public record TargetRun(TargetKind kind, Supplier<RunResult> run) {
  }

  public static CompareConfig from(Args a) {
    String workload = a.string("workload", "fanout");
    if (workload.equals("compare")) {
      throw new IllegalArgumentException("compare cannot compare compare");
    }
    String defaultTargets = workload.equals("fanout") ? "parley,ejabberd,nats" : "parley,ejabberd";
    List<String> compareKeys = new ArrayList<>(List.of("workload", "targets", "out", "quiet", "repeat"));
    for (TargetKind k : TargetKind.values()) {
      compareKeys.add(k.id() + "-url");
      compareKeys.add(k.id() + "-pid");
    }
    List<TargetRun> runs = new ArrayList<>();
    for (String id : Arrays.stream(a.string("targets", defaultTargets).split(",")).map(String::trim).toList()) {
      TargetKind kind = TargetKind.of(id);
      if (kind == TargetKind.NATS && !workload.equals("fanout")) {
        throw new IllegalArgumentException("nats is compared on the fanout workload only");
      }
      Args targetArgs = a.without(compareKeys)
          .with("target", kind.id())
          .with("url", a.string(kind.id() + "-url", kind.defaultUrl()))
          .with("server-pid", a.string(kind.id() + "-pid", null));
      runs.add(new TargetRun(kind, Scenarios.prepare(workload, targetArgs)));
    }
    int repeat = a.integer("repeat", 1);
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1");
    }
    return new CompareConfig(workload, List.copyOf(runs), repeat);
  }
}
