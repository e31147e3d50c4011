package dev.parley.bench.driver.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.bench.driver.Target;
import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.report.RunResult;
import dev.parley.bench.scenario.BenchOptions;
import dev.parley.bench.scenario.FanoutConfig;
import dev.parley.bench.scenario.FanoutScenario;
import dev.parley.bench.scenario.LoadConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Short fan-out runs against a real nats-server that the driver starts itself (skipped if not installed). */
class NatsScenarioTest {

  private static final BenchOptions NATS = BenchOptions.of(Target.of(TargetKind.NATS));

  @BeforeAll
  static void needsNatsServer() {
    assumeTrue(NatsServer.installed(), "nats-server is not installed (apt-get install nats-server)");
  }

  @Test
  void everyMessageReachesEveryOtherMember() {
    LoadConfig load = new LoadConfig(200, 0.5, 1.5, 15, 64, false, 50, 1.5, 3, 0);
    RunResult r = FanoutScenario.run(new FanoutConfig(NATS, 2, 5, 2, load, 8));

    assertThat(r.target()).isEqualTo("nats");
    assertThat(r.url()).startsWith("nats://127.0.0.1:");
    assertThat(r.counter("sent")).isEqualTo(300.0);
    assertThat(r.counter("expected_deliveries")).isEqualTo(300.0 * 4);
    assertThat(r.counter("deliveries")).isEqualTo(300.0 * 4);
    assertThat(r.counter("lost")).isZero();
    assertThat(r.latency("send_to_receive").count()).isEqualTo(1200);
    assertThat(r.latencies()).doesNotContainKey("send_to_ack"); // core NATS has no acks
    assertThat(r.errors()).isEmpty();
    assertThat(r.server().pid()).isNotNull();
    assertThat(r.server().rssMaxBytes()).isPositive();
    assertThat(r.params()).containsEntry("members", "5").containsEntry("rate", "200.0");
  }

  @Test
  void findMaxStepsTheRateUp() {
    LoadConfig load = new LoadConfig(50, 0.2, 0.5, 15, 64, true, 1000, 2, 2, 0);
    RunResult r = FanoutScenario.run(new FanoutConfig(NATS, 1, 3, 1, load, 4));

    assertThat(r.steps()).hasSize(2);
    assertThat(r.steps()).extracting(s -> s.params().get("rate")).containsExactly("50.0", "100.0");
    assertThat(r.counter("max_rate")).isEqualTo(100.0);
    assertThat(r.counter("deliveries")).isEqualTo(r.steps().get(1).counter("deliveries"));
  }
}
