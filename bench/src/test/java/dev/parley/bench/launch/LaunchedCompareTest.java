package dev.parley.bench.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.bench.cli.Args;
import dev.parley.bench.report.RunResult;
import dev.parley.bench.scenario.Scenarios;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code compare} with deployments the tool starts and stops itself: one node on SQLite beside a two-node cluster of
 * the first tier ({@code ./parley cluster}'s launcher, from the jars this build made), the same workload on each.
 */
class LaunchedCompareTest {

  /** The repository: the tests run in bench/. */
  private static final String ROOT = Path.of(System.getProperty("user.dir")).getParent().toString();

  @Test
  void aSingleNodeAndAClusterAreStartedMeasuredAndStopped() {
    RunResult r = Scenarios.run("compare", Args.parse("--workload", "dm", "--targets", "single,tier1", "--quiet", "--settle-cores", "0",
        "--single-launch", "sqlite", "--tier1-launch", "postgres:2", "--parley-root", ROOT,
        "--pairs", "2", "--rate", "20", "--warmup", "0.2", "--duration", "1", "--drain", "15"));

    assertThat(r.steps()).as(r.notes().toString()).hasSize(2);
    RunResult single = r.steps().get(0);
    RunResult tier1 = r.steps().get(1);
    assertThat(single.params()).containsEntry("deployment", "sqlite").doesNotContainKey("nodes");
    assertThat(tier1.params()).containsEntry("deployment", "postgres:2").containsEntry("nodes", "2");
    assertThat(single.counter("deliveries")).isEqualTo(20.0);
    assertThat(tier1.counter("deliveries")).isEqualTo(20.0);
    assertThat(tier1.counter("cross_node_deliveries")).isEqualTo(20.0);
    // the launched cluster's engines.env gave the engines' own counters
    assertThat(tier1.counter("postgres_transactions_per_message")).isPositive();
    assertThat(tier1.counter("redis_commands_per_message")).isPositive();
    assertThat(r.counters()).containsKeys("p99_ratio_tier1_vs_single", "tier1_cross_node_p99_ms");
    // both were stopped after their runs
    for (String url : List.of(single.url().split(","))) {
      assertThat(listening(url)).as(url).isFalse();
    }
    for (String url : List.of(tier1.url().split(","))) {
      assertThat(listening(url)).as(url).isFalse();
    }
  }

  @Test
  void launchingRefusesAnUrlAndAnUnknownDeployment() {
    assertThatThrownBy(() -> Scenarios.prepare("dm", Args.parse("--launch", "sqlite", "--url", "http://127.0.0.1:1")))
        .hasMessageContaining("--launch");
    assertThatThrownBy(() -> Scenarios.prepare("dm", Args.parse("--launch", "mysql:3")))
        .hasMessageContaining("mysql");
    assertThat(Deployment.parse("kafka").id()).isEqualTo("kafka:3");
    assertThat(Deployment.parse("postgres:2").nodes()).isEqualTo(2);
  }

  private static boolean listening(String url) {
    URI u = URI.create(url);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
