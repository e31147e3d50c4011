package dev.parley.bench.report;

import dev.parley.bench.metrics.LatencyStats;
import dev.parley.bench.sys.ServerUsage;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link RunResult} as a plain-text table for the terminal. */
public final class ResultTable {

  private static final double MIB = 1024.0 * 1024.0;

  private ResultTable() {
  }

  public static String render(RunResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "== %s on %s (%s), %.1f s, started %s%n",
        r.scenario(), r.target(), r.url() == null ? "-" : r.url(), r.seconds(), r.startedAt()));
    if (!r.params().isEmpty()) {
      sb.append("params: ");
      r.params().forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
      sb.append('\n');
    }
    if (!r.latencies().isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%-28s %10s %9s %9s %9s %9s %9s %9s%n",
          "latency (ms)", "count", "mean", "p50", "p90", "p99", "p99.9", "max"));
      r.latencies().forEach((name, s) -> sb.append(latencyRow(name, s)));
    }
    r.counters().forEach((name, v) -> sb.append(String.format(Locale.ROOT, "%-28s %14s%n", name, number(v))));
    if (!r.errors().isEmpty()) {
      sb.append("errors: ");
      r.errors().forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
      sb.append('\n');
    }
    if (r.server() != null) {
      sb.append(server(r.server())).append('\n');
    }
    r.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
    if (!r.steps().isEmpty()) {
      sb.append("-- steps --\n");
      for (RunResult step : r.steps()) {
        sb.append(stepLine(step)).append('\n');
      }
    }
    return sb.toString();
  }

  private static String latencyRow(String name, LatencyStats s) {
    return String.format(Locale.ROOT, "%-28s %10d %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n",
        name, s.count(), s.meanMs(), s.p50Ms(), s.p90Ms(), s.p99Ms(), s.p999Ms(), s.maxMs());
  }

  private static String stepLine(RunResult step) {
    StringBuilder sb = new StringBuilder("  ").append(step.target());
    step.params().entrySet().stream().filter(e -> e.getKey().equals("rate"))
        .forEach(e -> sb.append(" rate=").append(e.getValue()));
    for (Map.Entry<String, LatencyStats> e : step.latencies().entrySet()) {
      sb.append(String.format(Locale.ROOT, " %s.p99=%.2fms", e.getKey(), e.getValue().p99Ms()));
    }
    step.counters().forEach((k, v) -> sb.append(' ').append(k).append('=').append(number(v)));
    if (!step.errors().isEmpty()) {
      sb.append(" errors=").append(step.errors());
    }
    return sb.toString();
  }

  private static String server(ServerUsage u) {
    return String.format(Locale.ROOT, "server pid %s: cpu avg %s%% max %s%%, rss max %s MiB, heap max %s MiB",
        u.pid() == null ? "?" : u.pid(), opt(u.cpuAvgPercent()), opt(u.cpuMaxPercent()),
        u.rssMaxBytes() == null ? "n/a" : number(u.rssMaxBytes() / MIB),
        u.heapMaxBytes() == null ? "n/a" : number(u.heapMaxBytes() / MIB));
  }

  private static String opt(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
  }
}
