package dev.parley.bench.driver.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.bench.cli.Args;
import dev.parley.bench.report.RunResult;
import dev.parley.bench.scenario.CatchupConfig;
import dev.parley.bench.scenario.CatchupScenario;
import dev.parley.bench.scenario.DmConfig;
import dev.parley.bench.scenario.DmScenario;
import dev.parley.bench.scenario.FanoutConfig;
import dev.parley.bench.scenario.FanoutScenario;
import dev.parley.bench.scenario.HistoryConfig;
import dev.parley.bench.scenario.HistoryScenario;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The XMPP driver against a real ejabberd on 127.0.0.1:5280, as started by
 * shared/peers/ejabberd/ejabberd.sh; skipped when none is running.
 */
class EjabberdScenariosTest {

  @BeforeAll
  static void needsEjabberd() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5280), 500);
    } catch (IOException e) {
      assumeTrue(false, "no ejabberd on 127.0.0.1:5280 (shared/peers/ejabberd/ejabberd.sh start)");
    }
  }

  private static Args args(String... more) {
    String[] all = new String[more.length + 2];
    all[0] = "--target";
    all[1] = "ejabberd";
    System.arraycopy(more, 0, all, 2, more.length);
    return Args.parse(all);
  }

  @Test
  void fanoutThroughMucRooms() {
    RunResult r = FanoutScenario.run(FanoutConfig.from(args("--channels", "2", "--members", "4", "--rate", "50",
        "--warmup", "0.3", "--duration", "1", "--drain", "15")));

    assertThat(r.counter("sent")).isEqualTo(50.0);
    assertThat(r.counter("acked")).isEqualTo(50.0); // stream-management acks
    assertThat(r.counter("deliveries")).isEqualTo(150.0);
    assertThat(r.server().pid()).isNotNull(); // found by the port
  }

  @Test
  void dmsAsChatMessages() {
    RunResult r = DmScenario.run(DmConfig.from(args("--pairs", "2", "--rate", "40", "--warmup", "0.2",
        "--duration", "1", "--drain", "15")));

    assertThat(r.counter("deliveries")).isEqualTo(40.0);
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void historyThroughMam() {
    RunResult r = HistoryScenario.run(HistoryConfig.from(args("--messages", "150", "--reads", "10",
        "--warmup-reads", "2")));

    assertThat(r.latency("history_page").count()).isEqualTo(10);
    assertThat(r.counter("short_pages")).isZero();
  }

  @Test
  void catchupThroughTheOwnArchive() {
    RunResult r = CatchupScenario.run(CatchupConfig.from(args("--conversations", "3", "--missed", "30",
        "--reps", "3", "--warmup-reps", "1")));

    assertThat(r.counter("events_per_catchup")).isEqualTo(30.0);
    assertThat(r.counter("incomplete")).isZero();
  }
}
