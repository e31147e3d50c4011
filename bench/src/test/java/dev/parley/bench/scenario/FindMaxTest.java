package dev.parley.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.metrics.LatencyStats;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindMaxTest {

  /** A fake server whose p99 is 10 ms up to 1000 msg/s and 200 ms beyond. */
  private static RunResult fakeRun(double rate) {
    double p99 = rate <= 1000 ? 10 : 200;
    return new ResultBuilder("fanout", "fake", null).param("rate", rate)
        .latency("send_to_receive", new LatencyStats(1000, 5, 5, 8, p99, p99, p99))
        .counter("sent", 100).counter("expected_deliveries", 1000).counter("lost", 0).build();
  }

  @Test
  void growsThenBisectsToTheHighestPassingRate() {
    FindMax.Outcome o = FindMax.search(100, 2, 20, 4, FindMax.underP99(50), FindMaxTest::fakeRun);
    // 100, 200, 400, 800 pass; 1600 fails; bisection: 1200 fail, 1000 pass, 1100 fail, 1050 fail
    assertThat(o.bestRate()).isEqualTo(1000);
    assertThat(o.steps()).extracting(r -> r.params().get("rate"))
        .containsExactly("100.0", "200.0", "400.0", "800.0", "1600.0", "1200.0", "1000.0", "1100.0", "1050.0");
    assertThat(o.best().params().get("rate")).isEqualTo("1000.0");
  }

  @Test
  void reportsZeroWhenTheStartRateFails() {
    FindMax.Outcome o = FindMax.search(5000, 1.5, 10, 2, FindMax.underP99(50), FindMaxTest::fakeRun);
    assertThat(o.bestRate()).isZero();
    assertThat(o.best()).isNull();
    assertThat(o.steps()).hasSize(1);
  }

  @Test
  void stopsAfterMaxStepsWhenEverythingPasses() {
    FindMax.Outcome o = FindMax.search(1, 2, 5, 3, r -> true, FindMaxTest::fakeRun);
    assertThat(o.bestRate()).isEqualTo(16);
    assertThat(o.steps()).hasSize(5);
  }

  @Test
  void lossOrErrorsFailAStepEvenWithAGoodP99() {
    RunResult lossy = new ResultBuilder("fanout", "fake", null)
        .latency("send_to_receive", new LatencyStats(1000, 1, 1, 1, 1, 1, 1))
        .counter("sent", 1000).counter("expected_deliveries", 1000).counter("lost", 5).build();
    assertThat(FindMax.underP99(50).test(lossy)).isFalse();
    RunResult refused = new ResultBuilder("fanout", "fake", null)
        .latency("send_to_receive", new LatencyStats(1000, 1, 1, 1, 1, 1, 1))
        .counter("sent", 1000).counter("expected_deliveries", 1000).counter("lost", 0)
        .errors(Map.of("rate_limited", 10L)).build();
    assertThat(FindMax.underP99(50).test(refused)).isFalse();
  }
}
