package dev.parley.bench.cost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run cost, from two readings: the CPU time of the nodes, of each engine (with its descendants) and of this
 * tool, the machine's busy time, and the engines' own counters. {@link #perUnit} divides each by the messages
 * acknowledged and the deliveries made between the readings. Used by one thread at a time.
 */
public final class CostMeter {

  /** PostgreSQL's statistics reach {@code pg_stat_database} up to a second late; the end reading waits this long. */
  public static final long POSTGRES_SETTLE_MILLIS = 1_200;

  /** Running totals at one moment. */
  public record Reading(long atNanos, long nodeCpuNanos, long clientCpuNanos, long machineBusyNanos,
                        Map<String, Long> engineCpuNanos, Map<String, Map<String, Double>> counters) {
  }

  private final List<Long> nodePids;
  private final EngineSet engines;

  /** @param nodePids the nodes' processes (unknown ones left out) */
  public CostMeter(List<Long> nodePids, EngineSet engines) {
    this.nodePids = List.copyOf(nodePids);
    this.engines = engines;
  }

  /** How long to wait after the last work before the end reading, so that the engines' counters have it. */
  public long settleMillis() {
    return engines.has("postgres") ? POSTGRES_SETTLE_MILLIS : 0;
  }

  public Reading read() {
    long at = System.nanoTime();
    long nodes = nodePids.stream().mapToLong(ProcessTree::cpuNanos).sum();
    Map<String, Long> engineCpu = new LinkedHashMap<>();
    for (EngineProbe p : engines.probes()) {
      if (p.pid() != null) {
        engineCpu.put(p.name(), ProcessTree.cpuNanos(p.pid()));
      }
    }
    return new Reading(at, nodes, ProcessTree.cpuNanos(ProcessHandle.current().pid()), machineBusyNanos(),
        engineCpu, counters());
  }

  /**
   * The reading to end a run with, taken when its last work is done: CPU times now, and the engines' counters
   * after {@link #settleMillis()}, once they show that work.
   */
  public Reading readAfterWork() {
    Reading now = read();
    long settle = settleMillis();
    if (settle == 0) {
      return now;
    }
    try {
      Thread.sleep(settle);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Reading(now.atNanos(), now.nodeCpuNanos(), now.clientCpuNanos(), now.machineBusyNanos(),
        now.engineCpuNanos(), counters());
  }

  private Map<String, Map<String, Double>> counters() {
    Map<String, Map<String, Double>> counters = new LinkedHashMap<>();
    for (EngineProbe p : engines.probes()) {
      counters.put(p.name(), p.counters());
    }
    return counters;
  }

  /**
   * The figures between two readings: {@code cost_window_s}; cores used on average ({@code machine_busy_cores},
   * {@code client_cpu_cores}, {@code node_cpu_cores}, {@code <engine>_cpu_cores}); CPU microseconds per
   * acknowledged message and per delivery on the nodes; per message on each engine; and each engine counter per
   * message ({@code <engine>_<counter>_per_message}).
   */
  public Map<String, Double> perUnit(Reading from, Reading to, double messages, double deliveries) {
    Map<String, Double> out = new LinkedHashMap<>();
    double seconds = (to.atNanos() - from.atNanos()) / 1e9;
    out.put("cost_window_s", seconds);
    out.put("machine_busy_cores", (to.machineBusyNanos() - from.machineBusyNanos()) / 1e9 / seconds);
    out.put("client_cpu_cores", (to.clientCpuNanos() - from.clientCpuNanos()) / 1e9 / seconds);
    double nodeCpu = to.nodeCpuNanos() - from.nodeCpuNanos();
    out.put("node_cpu_cores", nodeCpu / 1e9 / seconds);
    if (messages > 0) {
      out.put("node_cpu_us_per_message", nodeCpu / 1e3 / messages);
    }
    if (deliveries > 0) {
      out.put("node_cpu_us_per_delivery", nodeCpu / 1e3 / deliveries);
    }
    to.engineCpuNanos().forEach((engine, cpu) -> {
      Long before = from.engineCpuNanos().get(engine);
      if (before != null) {
        out.put(engine + "_cpu_cores", (cpu - before) / 1e9 / seconds);
        if (messages > 0) {
          out.put(engine + "_cpu_us_per_message", (cpu - before) / 1e3 / messages);
        }
      }
    });
    if (messages > 0) {
      to.counters().forEach((engine, values) -> values.forEach((name, value) -> {
        Double before = from.counters().getOrDefault(engine, Map.of()).get(name);
        if (before != null) {
          out.put(engine + "_" + name + "_per_message", (value - before) / messages);
        }
      }));
    }
    return out;
  }

  /** Every engine's storage figures, by {@code <engine>_<name>}. */
  public Map<String, Double> storage() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (EngineProbe p : engines.probes()) {
      p.storage().forEach((name, value) -> out.put(p.name() + "_" + name, value));
    }
    return out;
  }

  /** Names of the engines measured, for notes. */
  public List<String> engineNames() {
    List<String> names = new ArrayList<>();
    engines.probes().forEach(p -> names.add(p.name()));
    return names;
  }

  /** Time every core spent on anything but idle and I/O wait, from the first line of /proc/stat. */
  static long machineBusyNanos() {
    try {
      return parseBusyTicks(Files.readAllLines(Path.of("/proc/stat")).getFirst()) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** {@code cpu user nice system idle iowait irq softirq steal ...}: all but idle (4) and iowait (5). */
  static long parseBusyTicks(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i < f.length && i <= 8; i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(f[i]);
      }
    }
    return busy;
  }
}
