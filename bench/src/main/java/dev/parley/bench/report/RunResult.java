package dev.parley.bench.report;

import dev.parley.bench.metrics.LatencyStats;
import dev.parley.bench.sys.ServerUsage;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one scenario run, as printed and written to JSON.
 *
 * @param latencies named latency series (e.g. {@code send_to_receive})
 * @param counters  named numbers (rates, counts, ratios)
 * @param errors    refusals and failures by error code
 * @param server    the server's CPU and memory over the measured window, or null
 * @param steps     sub-runs: find-max steps, or each target of a comparison
 * @param notes     free-text remarks (e.g. why something is n/a)
 */
public record RunResult(String scenario, String target, String url, String startedAt, double seconds,
                        Map<String, String> params, Map<String, LatencyStats> latencies,
                        Map<String, Double> counters, Map<String, Long> errors, ServerUsage server,
                        List<RunResult> steps, List<String> notes) {

  /** This result with {@code more} added to its parameters. */
  public RunResult withParams(Map<String, ?> more) {
    Map<String, String> merged = new TreeMap<>(params);
    more.forEach((k, v) -> merged.put(k, String.valueOf(v)));
    return new RunResult(scenario, target, url, startedAt, seconds, Collections.unmodifiableMap(merged), latencies,
        counters, errors, server, steps, notes);
  }

  public Double counter(String name) {
    return counters.get(name);
  }

  public LatencyStats latency(String name) {
    return latencies.get(name);
  }
}
