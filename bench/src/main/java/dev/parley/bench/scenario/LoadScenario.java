package dev.parley.bench.scenario;

import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import dev.parley.bench.sys.ServerMonitor;
import dev.parley.bench.cost.CostMeter;
import dev.parley.bench.cost.EngineSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs prepared lanes once at the configured rate, or searches for the highest passing rate. */
final class LoadScenario {

  private LoadScenario() {
  }

  /**
   * @param params scenario parameters to record beside the load's own
   */
  static RunResult execute(String scenario, ChatDriver driver, LoadRun.Deliveries deliveries, List<LoadRun.Lane> lanes,
                           LoadConfig config, Path enginesFile, Map<String, Object> params) {
    try (ServerMonitor monitor = Monitors.start(driver.target());
         EngineSet engines = enginesFile == null ? EngineSet.none() : EngineSet.open(enginesFile)) {
      CostMeter costs = new CostMeter(monitor.pids(), engines);
      if (!config.findMax()) {
        return LoadRun.run(scenario, driver, deliveries, lanes, config.settings(config.rate()), monitor, costs)
            .withParams(params);
      }
      FindMax.Outcome outcome = FindMax.search(config.rate(), config.stepFactor(), config.maxSteps(),
          config.refineSteps(), FindMax.underP99(config.p99LimitMs()),
          rate -> LoadRun.run(scenario, driver, deliveries, lanes, config.settings(rate), monitor, costs));
      ResultBuilder b = new ResultBuilder(scenario, driver.target().kind().id(), driver.target().label());
      params.forEach(b::param);
      b.param("find_max", true).param("p99_limit_ms", config.p99LimitMs());
      outcome.steps().forEach(b::step);
      RunResult best = outcome.best();
      if (best == null) {
        outcome.steps().getFirst().notes().forEach(b::note);
        return b.counter("max_rate", 0)
            .note("no rate passed: the start rate " + config.rate() + "/s already failed").build();
      }
      best.latencies().forEach(b::latency);
      best.counters().forEach(b::counter);
      best.notes().forEach(b::note);
      return b.counter("max_rate", outcome.bestRate()).errors(best.errors()).server(best.server())
          .note("latencies, counters and server usage are those of the best passing step").build();
    }
  }
}
