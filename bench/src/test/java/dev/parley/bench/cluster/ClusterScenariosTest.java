package dev.parley.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.cli.Args;
import dev.parley.bench.report.RunResult;
import dev.parley.bench.scenario.Scenarios;
import dev.parley.server.support.Cluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool's multi-node mode against a two-node cluster of the first tier (node processes on real PostgreSQL and
 * Redis) started by the test: every scenario spreads its clients over both nodes and counts what crossed.
 */
class ClusterScenariosTest {

  @RegisterExtension
  static final Cluster CLUSTER = new Cluster(2)
      .with("PARLEY_GATEWAY_FRAMES_BURST", "1000000")
      .with("PARLEY_GATEWAY_FRAMES_PER_SECOND", "1000000");

  private static RunResult run(String scenario, String... more) {
    List<String> argv = new ArrayList<>(List.of("--url", CLUSTER.baseUrl(0) + "," + CLUSTER.baseUrl(1)));
    argv.addAll(List.of(more));
    return Scenarios.run(scenario, Args.parse(argv.toArray(String[]::new)));
  }

  @Test
  void fanoutSpreadsEachChannelOverBothNodesAndCountsWhatCrossed() {
    RunResult r = run("fanout", "--channels", "2", "--members", "4", "--rate", "100", "--warmup", "0.3",
        "--duration", "1", "--drain", "15");

    assertThat(r.params()).containsEntry("nodes", "2");
    assertThat(r.counter("deliveries")).isEqualTo(300.0);
    assertThat(r.counter("lost")).isZero();
    // member j of channel ch is on node (ch + j) mod 2; the sender is member 0: two of its three receivers are across
    assertThat(r.counter("expected_cross_node_deliveries")).isEqualTo(200.0);
    assertThat(r.counter("cross_node_deliveries")).isEqualTo(200.0);
    assertThat(r.latency("send_to_receive_cross_node").count()).isEqualTo(200);
    assertThat(r.latency("send_to_receive_same_node").count()).isEqualTo(100);
    assertThat(r.server().pids()).containsExactly(CLUSTER.node(0).pid(), CLUSTER.node(1).pid());
    assertThat(r.counter("node_cpu_us_per_message")).isPositive();
    assertThat(r.counter("node_cpu_us_per_delivery")).isPositive();
  }

  @Test
  void everyDmSpansTwoNodes() {
    RunResult r = run("dm", "--pairs", "3", "--rate", "60", "--warmup", "0.2", "--duration", "1", "--drain", "15");

    assertThat(r.counter("deliveries")).isEqualTo(60.0);
    assertThat(r.counter("cross_node_deliveries")).isEqualTo(60.0);
    assertThat(r.counter("cross_node_share")).isEqualTo(1.0);
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void catchUpResumesOnTheOtherNode() {
    RunResult r = run("catchup", "--conversations", "5", "--missed", "50", "--reps", "5", "--warmup-reps", "1");

    assertThat(r.params()).containsEntry("left_node", "0").containsEntry("resume_node", "1");
    assertThat(r.counter("events_per_catchup")).isEqualTo(50.0);
    assertThat(r.counter("incomplete")).isZero();
  }

  @Test
  void connectionsAreSpreadAndTheirHeapSummedOverTheNodes() {
    RunResult r = run("connect", "--connections", "40", "--users", "4", "--hold", "0.2");

    assertThat(r.counter("connected")).isEqualTo(40.0);
    assertThat(r.counter("dropped_during_hold")).isZero();
    assertThat(r.counters()).containsKey("heap_per_connection_bytes");
    assertThat(r.server().pids()).hasSize(2);
  }

  @Test
  void historyIsWrittenOnOneNodeAndReadOnTheOther() {
    RunResult r = run("history", "--messages", "300", "--reads", "20", "--warmup-reads", "2");

    assertThat(r.latency("history_page").count()).isEqualTo(20);
    assertThat(r.counter("short_pages")).isZero();
  }

  @Test
  void theEnginesCountersBecomeCostsPerMessage(@TempDir Path dir) throws IOException {
    Path engines = Files.writeString(dir.resolve("engines.env"), "PARLEY_POSTGRES_URL="
        + CLUSTER.setting("PARLEY_POSTGRES_URL") + "\nPARLEY_REDIS_URL=" + CLUSTER.setting("PARLEY_REDIS_URL") + "\n");

    RunResult r = run("dm", "--pairs", "2", "--rate", "40", "--warmup", "0.2", "--duration", "1", "--drain", "15",
        "--engines", engines.toString());

    assertThat(r.counter("acked")).isEqualTo(40.0);
    assertThat(r.counter("postgres_transactions_per_message")).isPositive();
    assertThat(r.counter("postgres_wal_bytes_per_message")).isPositive();
    assertThat(r.counter("postgres_cpu_us_per_message")).isPositive();
    assertThat(r.counter("redis_commands_per_message")).isPositive();
    assertThat(r.counters()).containsKeys("postgres_rows_inserted_per_message", "redis_cpu_us_per_message",
        "redis_publishes_per_message",
        "machine_busy_cores", "client_cpu_cores");
  }

  @Test
  void aBigChannelIsTimedAcrossTheNodes() {
    RunResult r = run("bigchannel", "--members", "120", "--online", "12", "--senders", "2", "--changes", "3",
        "--page-size", "50", "--rate", "20", "--warmup", "0.2", "--duration", "1", "--drain", "15", "--parallelism", "16");

    assertThat(r.counter("members_listed")).isEqualTo(120.0);
    assertThat(r.latency("member_page").count()).isEqualTo(3);
    assertThat(r.counter("deliveries")).isEqualTo(20.0 * 11);
    assertThat(r.counter("cross_node_deliveries")).isEqualTo(20.0 * 6); // senders 0 and 1: 6 of 11 receivers across
    for (String change : List.of("rename", "join", "leave")) {
      assertThat(r.latency(change).count()).as(change).isEqualTo(3);
      assertThat(r.latency(change + "_to_all_online").count()).as(change).isEqualTo(3);
    }
    assertThat(r.counter("events_not_seen_by_all_online")).isZero();
    assertThat(r.counter("bulk_join_per_sec")).isPositive();
  }

  @Test
  void compareSetsDeploymentsSideBySide() {
    RunResult r = Scenarios.run("compare", Args.parse("--workload", "dm", "--targets", "one,two", "--quiet", "--settle-cores", "0",
        "--one-url", CLUSTER.baseUrl(0), "--two-url", CLUSTER.baseUrl(0), "--two-url", CLUSTER.baseUrl(1),
        "--pairs", "2", "--rate", "20", "--warmup", "0.2", "--duration", "1", "--drain", "15"));

    assertThat(r.steps()).as(r.notes().toString()).extracting(s -> s.params().get("label")).containsExactly("one", "two");
    assertThat(r.steps().get(1).params()).containsEntry("nodes", "2");
    assertThat(r.counters()).containsKeys("p99_ratio_two_vs_one", "deliveries_per_sec_ratio_two_vs_one",
        "one_p99_ms", "two_p99_ms", "two_cross_node_p99_ms").doesNotContainKey("one_cross_node_p99_ms");
    assertThat(r.notes()).anyMatch(n -> n.startsWith("goal: two: cross-node p99"));
  }
}
