package dev.parley.bench.scenario;

import dev.parley.bench.Json;
import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.Target;
import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.metrics.HistogramCodec;
import dev.parley.bench.metrics.LatencyRecorder;
import dev.parley.bench.metrics.LatencyStats;
import dev.parley.bench.report.Progress;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import dev.parley.bench.sys.JvmGc;
import dev.parley.bench.sys.ResourceSample;
import dev.parley.bench.sys.ServerMonitor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Many idle authenticated connections: how fast they open, whether they stay up, and what they cost
 * the server in memory (RSS, and JVM heap for Parley) per connection.
 */
public final class ConnectScenario {

  private ConnectScenario() {
  }

  public static RunResult run(ConnectConfig c) {
    ResultBuilder b = new ResultBuilder("connect", c.options().target().kind().id(), c.options().target().label())
        .param("connections", c.connections()).param("users", c.users()).param("concurrency", c.concurrency())
        .param("hold_s", c.holdSeconds()).param("procs", c.procs());
    try (ServerMonitor monitor = Monitors.start(c.options().target())) {
      double from = monitor.now();
      ResourceSample before = memorySample(c, monitor, b);
      if (c.procs() <= 1) {
        inProcess(c, monitor, before, b);
      } else {
        inChildren(c, monitor, before, b);
      }
      return b.server(monitor.usage(from, monitor.now())).build();
    }
  }

  private static void inProcess(ConnectConfig c, ServerMonitor monitor, ResourceSample before, ResultBuilder b) {
    try (ChatDriver driver = Drivers.open(c.options())) {
      List<BenchUser> users = Setup.users(driver, Setup.runPrefix(), c.users(), c.concurrency());
      ConnectBatch batch;
      Progress p = Progress.start(() -> "[connect] connecting " + c.connections() + " sessions"
          + serverLine(monitor.latest()));
      try {
        batch = new ConnectBatch(driver, users, c.connections(), c.concurrency());
      } finally {
        p.close();
      }
      hold(c, monitor);
      ResourceSample after = memorySample(c, monitor, b);
      long dropped = batch.dropped();
      batch.close();
      report(c, b, batch.latency.total(), batch.sessions.size(), batch.seconds, batch.errors.snapshot(), dropped,
          before, after);
    }
  }

  private static void inChildren(ConnectConfig c, ServerMonitor monitor, ResourceSample before, ResultBuilder b) {
    List<Process> children = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    try {
      for (int k = 0; k < c.procs(); k++) {
        Process child = spawn(c, k);
        children.add(child);
        outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
      }
      Histogram latency = new Histogram(LatencyRecorder.MAX_MICROS, 3);
      Map<String, Long> errors = new TreeMap<>();
      int connected = 0;
      double seconds = 0;
      Progress p = Progress.start(() -> "[connect] " + c.procs() + " client processes connecting"
          + serverLine(monitor.latest()));
      try {
        for (BufferedReader out : outputs) {
          ConnectWorker.Report r = Json.MAPPER.readValue(expectLine(out, "READY "), ConnectWorker.Report.class);
          latency.add(HistogramCodec.decode(r.histogram()));
          r.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
          connected += r.connected();
          seconds = Math.max(seconds, r.seconds());
        }
      } finally {
        p.close();
      }
      hold(c, monitor);
      ResourceSample after = memorySample(c, monitor, b);
      long dropped = 0;
      for (int k = 0; k < children.size(); k++) {
        Writer in = new OutputStreamWriter(children.get(k).getOutputStream(), StandardCharsets.UTF_8);
        in.write("close\n");
        in.flush();
        dropped += Long.parseLong(expectLine(outputs.get(k), "DROPPED ").trim());
      }
      for (Process child : children) {
        child.waitFor();
      }
      report(c, b, latency, connected, seconds, errors, dropped, before, after);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    } finally {
      children.forEach(Process::destroy);
    }
  }

  private static Process spawn(ConnectConfig c, int k) throws IOException {
    int share = c.connections() / c.procs() + (k < c.connections() % c.procs() ? 1 : 0);
    int users = Math.max(1, c.users() / c.procs());
    Target t = c.options().target();
    List<String> cmd = ChildRun.sameJvm(ConnectWorker.class);
    cmd.addAll(List.of("--target", t.kind().id(), "--url", t.label(), "--xmpp-domain", c.options().xmppDomain(),
        "--connections", Integer.toString(share), "--users", Integer.toString(users),
        "--concurrency", Integer.toString(Math.max(1, c.concurrency() / c.procs())),
        "--local-address", c.options().localAddress() != null ? c.options().localAddress() : "127.0.0." + (2 + k)));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Reads a child's stdout up to the line starting with {@code prefix}; returns the rest of it. */
  private static String expectLine(BufferedReader out, String prefix) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
    throw new IllegalStateException("a client process ended without " + prefix.trim());
  }

  private static void hold(ConnectConfig c, ServerMonitor monitor) {
    long end = System.nanoTime() + (long) (c.holdSeconds() * 1e9);
    Progress p = Progress.start(() -> String.format(Locale.ROOT, "[connect] holding, %.0f s left",
        (end - System.nanoTime()) / 1e9) + serverLine(monitor.latest()));
    try {
      while (System.nanoTime() < end) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      p.close();
    }
  }

  /** A memory reading, after a full GC of a local Parley node when configured and possible. */
  private static ResourceSample memorySample(ConnectConfig c, ServerMonitor monitor, ResultBuilder b) {
    if (c.serverGc() && c.options().target().kind() == TargetKind.PARLEY) {
      for (long pid : monitor.pids()) {
        if (!JvmGc.run(pid)) {
          b.note("could not run jcmd GC.run on the node (pid " + pid + "): heap figures include garbage");
        }
      }
    }
    return monitor.sample();
  }

  private static void report(ConnectConfig c, ResultBuilder b, Histogram latency, int connected, double seconds,
                             Map<String, Long> errors, long dropped, ResourceSample before, ResourceSample after) {
    b.latency("connect", LatencyStats.ofMicros(latency))
        .counter("connected", connected)
        .counter("failed", c.connections() - connected)
        .counter("connect_rate_per_sec", connected / seconds)
        .counter("dropped_during_hold", dropped)
        .errors(errors);
    perConnection(b, "rss", before.rssBytes(), after.rssBytes(), connected);
    perConnection(b, "heap", before.heapBytes(), after.heapBytes(), connected);
  }

  private static void perConnection(ResultBuilder b, String what, Long before, Long after, int connected) {
    if (before == null || after == null) {
      return;
    }
    b.counter("server_" + what + "_before_bytes", before)
        .counter("server_" + what + "_after_bytes", after)
        .counter(what + "_per_connection_bytes", connected == 0 ? 0 : (after - before) / (double) connected);
  }

  private static String serverLine(ResourceSample s) {
    return " | server cpu " + LoadRun.pct(s.cpuPercent()) + " rss " + LoadRun.mib(s.rssBytes())
        + " heap " + LoadRun.mib(s.heapBytes());
  }
}
