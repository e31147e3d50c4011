package dev.parley.bench.report;

import dev.parley.bench.metrics.LatencyStats;
import dev.parley.bench.sys.ServerUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects the parts of a {@link RunResult} in order. */
public final class ResultBuilder {

  private final String scenario;
  private final String target;
  private final String url;
  private final String startedAt = Instant.now().toString();
  private final long startNanos = System.nanoTime();
  private final Map<String, String> params = new TreeMap<>();
  private final Map<String, LatencyStats> latencies = new LinkedHashMap<>();
  private final Map<String, Double> counters = new LinkedHashMap<>();
  private final Map<String, Long> errors = new TreeMap<>();
  private final List<RunResult> steps = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private ServerUsage server;

  public ResultBuilder(String scenario, String target, String url) {
    this.scenario = scenario;
    this.target = target;
    this.url = url;
  }

  public ResultBuilder param(String name, Object value) {
    params.put(name, String.valueOf(value));
    return this;
  }

  public ResultBuilder latency(String name, LatencyStats stats) {
    latencies.put(name, stats);
    return this;
  }

  public ResultBuilder counter(String name, double value) {
    counters.put(name, value);
    return this;
  }

  public ResultBuilder errors(Map<String, Long> byCode) {
    byCode.forEach((code, n) -> errors.merge(code, n, Long::sum));
    return this;
  }

  public ResultBuilder server(ServerUsage usage) {
    this.server = usage;
    return this;
  }

  public ResultBuilder step(RunResult step) {
    steps.add(step);
    return this;
  }

  public ResultBuilder note(String note) {
    notes.add(note);
    return this;
  }

  public RunResult build() {
    return new RunResult(scenario, target, url, startedAt, (System.nanoTime() - startNanos) / 1e9,
        Collections.unmodifiableMap(new TreeMap<>(params)),
        new LinkedHashMap<>(latencies), new LinkedHashMap<>(counters), new TreeMap<>(errors),
        server, List.copyOf(steps), List.copyOf(notes));
  }
}
