package dev.parley.bench.driver.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.bench.cli.Args;
import dev.parley.bench.driver.nats.NatsServer;
import dev.parley.bench.report.RunResult;
import dev.parley.bench.scenario.CatchupConfig;
import dev.parley.bench.scenario.CatchupScenario;
import dev.parley.bench.scenario.ConnectConfig;
import dev.parley.bench.scenario.ConnectScenario;
import dev.parley.bench.scenario.DmConfig;
import dev.parley.bench.scenario.DmScenario;
import dev.parley.bench.scenario.FanoutConfig;
import dev.parley.bench.scenario.FanoutScenario;
import dev.parley.bench.scenario.HistoryConfig;
import dev.parley.bench.scenario.HistoryScenario;
import dev.parley.bench.scenario.Scenarios;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every scenario, run programmatically with small parameters against a real node started by the test. */
class ParleyScenariosTest {

  private static RealNode node;

  @BeforeAll
  static void startNode() {
    node = new RealNode();
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private static Args args(String... more) {
    String[] all = new String[more.length + 2];
    all[0] = "--url";
    all[1] = node.url();
    System.arraycopy(more, 0, all, 2, more.length);
    return Args.parse(all);
  }

  @Test
  void fanoutMeasuresAckAndDelivery() {
    RunResult r = FanoutScenario.run(FanoutConfig.from(args("--channels", "2", "--members", "4", "--rate", "100",
        "--warmup", "0.3", "--duration", "1", "--drain", "15")));

    assertThat(r.target()).isEqualTo("parley");
    assertThat(r.counter("sent")).isEqualTo(100.0);
    assertThat(r.counter("acked")).isEqualTo(100.0);
    assertThat(r.counter("deliveries")).isEqualTo(300.0);
    assertThat(r.counter("lost")).isZero();
    assertThat(r.latency("send_to_ack").count()).isEqualTo(100);
    assertThat(r.latency("send_to_receive").count()).isEqualTo(300);
    assertThat(r.server().heapMaxBytes()).isPositive(); // read from the node's /metrics
  }

  @Test
  void dmPairsTalkBothWays() {
    RunResult r = DmScenario.run(DmConfig.from(args("--pairs", "3", "--rate", "60", "--warmup", "0.2",
        "--duration", "1", "--drain", "15")));

    assertThat(r.counter("sent")).isEqualTo(60.0);
    assertThat(r.counter("deliveries")).isEqualTo(60.0);
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void historyLoadsThenReadsFullPages() {
    RunResult r = HistoryScenario.run(HistoryConfig.from(args("--messages", "300", "--reads", "50",
        "--warmup-reads", "5")));

    assertThat(r.latency("history_page").count()).isEqualTo(50);
    assertThat(r.counter("short_pages")).isZero();
    assertThat(r.counter("load_rate_per_sec")).isPositive();
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void catchupReplaysWhatWasMissed() {
    RunResult r = CatchupScenario.run(CatchupConfig.from(args("--conversations", "5", "--missed", "50",
        "--reps", "10", "--warmup-reps", "1")));

    assertThat(r.latency("catchup").count()).isEqualTo(10);
    assertThat(r.counter("events_per_catchup")).isEqualTo(50.0);
    assertThat(r.counter("incomplete")).isZero();
  }

  @Test
  void connectHoldsIdleSessions() {
    RunResult r = ConnectScenario.run(ConnectConfig.from(args("--connections", "40", "--users", "4",
        "--hold", "0.5")));

    assertThat(r.counter("connected")).isEqualTo(40.0);
    assertThat(r.counter("failed")).isZero();
    assertThat(r.counter("dropped_during_hold")).isZero();
    assertThat(r.latency("connect").count()).isEqualTo(40);
    assertThat(r.counter("connect_rate_per_sec")).isPositive();
    assertThat(r.counters()).containsKeys("heap_per_connection_bytes", "rss_per_connection_bytes");
  }

  @Test
  void compareReportsRatiosAgainstNats() {
    assumeTrue(NatsServer.installed(), "nats-server is not installed");
    RunResult r = Scenarios.run("compare", Args.parse("--workload", "fanout", "--targets", "parley,nats", "--settle-cores", "0",
        "--parley-url", node.url(), "--channels", "1", "--members", "3", "--rate", "50", "--warmup", "0.2",
        "--duration", "1", "--drain", "15"));

    assertThat(r.steps()).as(r.notes().toString()).extracting(RunResult::target).containsExactly("parley", "nats");
    assertThat(r.counters()).containsKeys("p99_ratio_vs_nats", "deliveries_per_sec_ratio_vs_nats");
    assertThat(r.counter("deliveries_per_sec_ratio_vs_nats")).isPositive();
    assertThat(r.notes()).anyMatch(n -> n.contains("within 2x of nats-server"));
  }

  @Test
  void compareRunsEachTargetInAToolProcessOfItsOwnUnlessAskedNotTo() {
    for (String mode : List.of("own", "shared")) {
      List<String> argv = new ArrayList<>(List.of("--workload", "dm", "--targets", "one,two", "--quiet",
          "--settle-cores", "0", "--one-url", node.url(), "--two-url", node.url(), "--pairs", "2", "--rate", "20",
          "--warmup", "0.2", "--duration", "1", "--drain", "15"));
      if (mode.equals("shared")) {
        argv.add("--in-process");
      }
      RunResult r = Scenarios.run("compare", Args.parse(argv.toArray(String[]::new)));

      assertThat(r.steps()).as(mode + ": " + r.notes()).hasSize(2);
      for (RunResult step : r.steps()) {
        assertThat(step.params()).as(mode).containsEntry("tool_process", mode).containsEntry("pairs", "2");
        assertThat(step.counter("deliveries")).as(mode).isEqualTo(20.0);
        assertThat(step.latency("send_to_receive").count()).as(mode).isPositive();
      }
      List<String> toolPids = r.steps().stream().map(step -> step.params().get("tool_pid")).toList();
      if (mode.equals("own")) {
        // two runs, two tool processes, neither of them this one
        assertThat(toolPids).doesNotContainNull().doesNotHaveDuplicates()
            .doesNotContain(Long.toString(ProcessHandle.current().pid()));
      } else {
        assertThat(toolPids).containsOnlyNulls();
      }
      assertThat(r.counters()).as(mode).containsKeys("p99_ratio_two_vs_one", "one_p99_ms", "two_p99_ms");
    }
  }
}
