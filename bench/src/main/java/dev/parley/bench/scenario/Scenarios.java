package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;
import dev.parley.bench.report.RunResult;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Scenario names to runners. */
public final class Scenarios {

  public static final List<String> NAMES = List.of("connect", "fanout", "dm", "history", "catchup", "compare");

  private Scenarios() {
  }

  public static RunResult run(String name, Args args) {
    return prepare(name, args).get();
  }

  /** Parses the scenario's options from {@code args} and refuses unknown ones, before anything runs. */
  public static Supplier<RunResult> prepare(String name, Args args) {
    return switch (name) {
      case "connect" -> prepared(ConnectConfig.from(args), args, ConnectScenario::run);
      case "fanout" -> prepared(FanoutConfig.from(args), args, FanoutScenario::run);
      case "dm" -> prepared(DmConfig.from(args), args, DmScenario::run);
      case "history" -> prepared(HistoryConfig.from(args), args, HistoryScenario::run);
      case "catchup" -> prepared(CatchupConfig.from(args), args, CatchupScenario::run);
      case "compare" -> {
        CompareConfig config = CompareConfig.from(args);
        yield () -> CompareScenario.run(config);
      }
      default -> throw new IllegalArgumentException("unknown scenario " + name + "; one of " + NAMES);
    };
  }

  private static <C> Supplier<RunResult> prepared(C config, Args args, Function<C, RunResult> run) {
    args.requireAllUsed();
    return () -> run.apply(config);
  }
}
