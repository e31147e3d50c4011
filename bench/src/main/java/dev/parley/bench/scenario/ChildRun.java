package dev.parley.bench.scenario;

import dev.parley.bench.BenchMain;
import dev.parley.bench.cli.Args;
import dev.parley.bench.report.Progress;
import dev.parley.bench.report.ResultFiles;
import dev.parley.bench.report.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One scenario run in a tool process of its own: the same JVM, JVM options and class path as this one, the
 * scenario's options passed on as they are, its result read back from the JSON file the child writes. {@code compare}
 * runs every target's run this way, so no run meets a tool that an earlier run left with threads, garbage or
 * half-closed sockets (inside one JVM the sender ran tens of milliseconds late in every run after the XMPP driver's
 * first one). The result names the child's pid ({@code tool_pid}).
 */
final class ChildRun implements Supplier<RunResult> {

  private final String scenario;
  private final Args args;

  ChildRun(String scenario, Args args) {
    this.scenario = scenario;
    this.args = args;
  }

  /** A command line that runs {@code main} in a new JVM like this one: the same java, JVM options and class path. */
  static List<String> sameJvm(Class<?> main) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    return cmd;
  }

  /** The child's command line, writing its result to {@code out}. */
  List<String> command(Path out) {
    List<String> cmd = sameJvm(BenchMain.class);
    cmd.add(scenario);
    cmd.addAll(args.without(List.of("out", "quiet")).optionsArgv());
    cmd.add("--out=" + out);
    if (!Progress.enabled()) {
      cmd.add("--quiet");
    }
    return cmd;
  }

  @Override
  public RunResult get() {
    Path out = null;
    Process p = null;
    try {
      out = Files.createTempFile("parley-bench-" + scenario + "-", ".json");
      // the child's table goes nowhere (its result comes back whole), its progress and errors to this stderr
      p = new ProcessBuilder(command(out)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      int status = p.waitFor();
      if (status != 0) {
        throw new IllegalStateException("the " + scenario + " run's tool process exited with status " + status);
      }
      return ResultFiles.read(out).withParams(Map.of("tool_pid", p.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the " + scenario + " run's tool process ran", e);
    } finally {
      if (p != null && p.isAlive()) {
        p.destroy();
      }
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          System.err.println("bench: could not delete " + out + ": " + e);
        }
      }
    }
  }
}
