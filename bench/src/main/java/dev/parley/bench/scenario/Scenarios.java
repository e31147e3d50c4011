package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;
import dev.parley.bench.launch.Deployment;
import dev.parley.bench.launch.Launched;
import dev.parley.bench.report.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Scenario names to runners. */
public final class Scenarios {

  public static final List<String> NAMES = List.of("connect", "fanout", "dm", "history", "catchup", "bigchannel",
      "storage", "compare");

  private Scenarios() {
  }

  public static RunResult run(String name, Args args) {
    return prepare(name, args).get();
  }

  /**
   * Parses the scenario's options from {@code args} and refuses unknown ones, before anything runs. With
   * {@code --launch sqlite|postgres:N|kafka:N} the run starts that deployment first (from the jars under
   * {@code --parley-root}, default the working directory), points the scenario at its nodes (and, for a cluster,
   * its engines) and stops it afterwards.
   */
  public static Supplier<RunResult> prepare(String name, Args args) {
    String launch = args.string("launch", null);
    if (launch == null) {
      return parse(name, args);
    }
    if (name.equals("compare")) {
      throw new IllegalArgumentException("compare launches each target with --<target>-launch, not --launch");
    }
    if (args.has("url") || args.has("engines")) {
      throw new IllegalArgumentException("--launch starts the nodes itself: give no --url or --engines with it");
    }
    Deployment deployment = Deployment.parse(launch);
    Path root = Path.of(args.string("parley-root", System.getProperty("user.dir"))).toAbsolutePath();
    Args rest = args.without(List.of("launch", "parley-root"));
    parse(name, rest);
    return () -> {
      try (Launched launched = Launched.start(deployment, root, System.err)) {
        Args pointed = rest.withAll("url", launched.urls());
        if (launched.enginesFile() != null) {
          pointed = pointed.with("engines", launched.enginesFile().toString());
        }
        return parse(name, pointed).get().withParams(Map.of("deployment", deployment.id()));
      }
    };
  }

  private static Supplier<RunResult> parse(String name, Args args) {
    return switch (name) {
      case "connect" -> prepared(ConnectConfig.from(args), args, ConnectScenario::run);
      case "fanout" -> prepared(FanoutConfig.from(args), args, FanoutScenario::run);
      case "dm" -> prepared(DmConfig.from(args), args, DmScenario::run);
      case "history" -> prepared(HistoryConfig.from(args), args, HistoryScenario::run);
      case "catchup" -> prepared(CatchupConfig.from(args), args, CatchupScenario::run);
      case "bigchannel" -> prepared(BigChannelConfig.from(args), args, BigChannelScenario::run);
      case "storage" -> prepared(StorageConfig.from(args), args, StorageScenario::run);
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
