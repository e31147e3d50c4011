package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;
import dev.parley.bench.cost.MachineQuiet;
import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.report.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One workload against several targets, one after the other, with the same parameters. {@code --targets} names
 * them: {@code parley}, {@code ejabberd} and {@code nats} are those servers; any other name is a Parley deployment
 * of its own (e.g. {@code single,tier1,tier2}). Per target {@code T}: {@code --T-url} (one or several nodes),
 * {@code --T-pid}, {@code --T-launch sqlite|postgres:N|kafka:N} (the tool starts it for its run and stops it after)
 * and {@code --T-engines} (a cluster's engines.env, for the cost figures); nats joins fan-out workloads only.
 * Every run has a tool process of its own ({@link ChildRun}; its options are checked here first), unless
 * {@code --in-process} runs them all in this one.
 *
 * @param runs the prepared run of each target, in order
 * @param repeat how many rounds: each runs every target once, alternating their order from round to round
 * @param warmupRounds rounds run first and thrown away, so the tool's own JVM is warm before any measured round
 *     (without one, whichever target runs first in round 1 meets the tool while its JIT is still compiling)
 * @param settle what each run waits for first: the machine quiet ({@code --settle-cores}, default 0.2 of a core busy
 *     over a second, at most {@code --settle-max-s}, default 30), or null not to wait ({@code --settle-cores 0})
 */
public record CompareConfig(String workload, List<TargetRun> runs, int repeat, int warmupRounds, MachineQuiet settle) {

  public CompareConfig(String workload, List<TargetRun> runs, int repeat) {
    this(workload, runs, repeat, 0, null);
  }

  /** One target's prepared run; {@code label} is its name in {@code --targets}. */
  public record TargetRun(String label, TargetKind kind, Supplier<RunResult> run) {

    public TargetRun(TargetKind kind, Supplier<RunResult> run) {
      this(kind.id(), kind, run);
    }
  }

  private static final List<String> PER_TARGET = List.of("url", "pid", "launch", "engines");

  public static CompareConfig from(Args a) {
    String workload = a.string("workload", "fanout");
    if (workload.equals("compare")) {
      throw new IllegalArgumentException("compare cannot compare compare");
    }
    String defaultTargets = workload.equals("fanout") ? "parley,ejabberd,nats" : "parley,ejabberd";
    List<String> labels = a.strings("targets");
    if (labels.isEmpty()) {
      labels = List.of(defaultTargets.split(","));
    }
    List<String> compareKeys = new ArrayList<>(List.of("workload", "targets", "out", "quiet", "repeat", "warmup-rounds",
        "settle-cores", "settle-max-s", "in-process"));
    List<String> named = new ArrayList<>(labels);
    for (TargetKind k : TargetKind.values()) {
      named.add(k.id());
    }
    for (String label : named) {
      PER_TARGET.forEach(k -> compareKeys.add(label + "-" + k));
    }
    boolean inProcess = a.flag("in-process");
    List<TargetRun> runs = new ArrayList<>();
    for (String label : labels) {
      TargetKind kind = kindOf(label);
      if (kind == TargetKind.NATS && !workload.equals("fanout")) {
        throw new IllegalArgumentException("nats is compared on the fanout workload only");
      }
      Args targetArgs = a.without(compareKeys).with("target", kind.id());
      String launch = a.string(label + "-launch", null);
      List<String> urls = a.strings(label + "-url");
      if (launch != null) {
        targetArgs = targetArgs.with("launch", launch);
      } else if (!urls.isEmpty()) {
        targetArgs = targetArgs.withAll("url", urls);
      } else {
        targetArgs = targetArgs.with("url", kind.defaultUrl());
      }
      targetArgs = targetArgs.withAll("server-pid", a.strings(label + "-pid"))
          .with("engines", a.string(label + "-engines", null));
      // prepared here in any case: that checks the run's options before anything starts
      Supplier<RunResult> prepared = Scenarios.prepare(workload, targetArgs);
      Supplier<RunResult> run = inProcess ? prepared : new ChildRun(workload, targetArgs);
      String toolProcess = inProcess ? "shared" : "own";
      runs.add(new TargetRun(label, kind, () -> run.get().withParams(Map.of("tool_process", toolProcess))));
    }
    int repeat = a.integer("repeat", 1);
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1");
    }
    int warmupRounds = a.integer("warmup-rounds", 0);
    if (warmupRounds < 0) {
      throw new IllegalArgumentException("--warmup-rounds must not be negative");
    }
    double settleCores = a.number("settle-cores", 0.2);
    double settleMaxSeconds = a.number("settle-max-s", 30);
    if (settleCores < 0 || settleMaxSeconds < 0) {
      throw new IllegalArgumentException("--settle-cores and --settle-max-s must not be negative");
    }
    MachineQuiet settle = settleCores == 0 ? null : MachineQuiet.of(settleCores, (long) (settleMaxSeconds * 1000));
    return new CompareConfig(workload, List.copyOf(runs), repeat, warmupRounds, settle);
  }

  /** ejabberd and nats by their names; every other name is a Parley deployment. */
  static TargetKind kindOf(String label) {
    for (TargetKind k : TargetKind.values()) {
      if (k.id().equals(label.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    return TargetKind.PARLEY;
  }
}
