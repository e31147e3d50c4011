package dev.parley.bench;

import dev.parley.bench.cli.Args;
import dev.parley.bench.report.Progress;
import dev.parley.bench.report.ResultFiles;
import dev.parley.bench.report.ResultTable;
import dev.parley.bench.report.RunResult;
import dev.parley.bench.scenario.Scenarios;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/** {@code bench <scenario> [--target parley|ejabberd|nats] [--url URL] [params...] [--out results.json]}. */
public final class BenchMain {

  private BenchMain() {
  }

  public static void main(String[] argv) {
    Args args = Args.parse(argv);
    if (args.positional().isEmpty() || args.has("help")) {
      System.err.println("usage: bench <" + String.join("|", Scenarios.NAMES) + "> [--target parley|ejabberd|nats]"
          + " [--url URL] [--server-pid PID] [params...] [--out results.json] [--quiet]\n"
          + "see bench/README.md for each scenario's parameters");
      System.exit(2);
    }
    Progress.setEnabled(!args.flag("quiet"));
    if (ManagementFactory.getGarbageCollectorMXBeans().stream().noneMatch(gc -> gc.getName().startsWith("ZGC"))) {
      System.err.println("bench: note: run with -XX:+UseZGC (bench/bench.sh does) to keep the tool's own GC pauses"
          + " out of the latencies");
    }
    String out = args.string("out", null);
    int status = 0;
    try {
      RunResult result = Scenarios.run(args.positional().getFirst(), args);
      System.out.println(ResultTable.render(result));
      Path file = out != null ? Path.of(out) : ResultFiles.defaultPath(result.scenario(), result.target());
      ResultFiles.write(result, file);
      System.err.println("results written to " + file.toAbsolutePath());
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      status = 2;
    } catch (IOException | RuntimeException e) {
      System.err.println("bench: failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }
}
