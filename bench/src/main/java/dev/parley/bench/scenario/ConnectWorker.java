package dev.parley.bench.scenario;

import dev.parley.bench.Json;
import dev.parley.bench.cli.Args;
import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.metrics.HistogramCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A child process of a multi-process {@code connect}: opens its share of the connections, prints
 * {@code READY <report json>}, holds them until a line (or EOF) arrives on stdin, prints
 * {@code DROPPED <n>} and exits.
 */
public final class ConnectWorker {

  /** What a worker reports once connected. */
  public record Report(int connected, double seconds, String histogram, Map<String, Long> errors) {
  }

  private ConnectWorker() {
  }

  public static void main(String[] argv) throws IOException {
    Args args = Args.parse(argv);
    ConnectConfig c = ConnectConfig.from(args);
    args.requireAllUsed();
    try (ChatDriver driver = Drivers.open(c.options())) {
      List<BenchUser> users = Setup.users(driver, Setup.runPrefix(), c.users(), c.concurrency());
      ConnectBatch batch = new ConnectBatch(driver, users, c.connections(), c.concurrency());
      Report report = new Report(batch.sessions.size(), batch.seconds, HistogramCodec.encode(batch.latency.total()),
          batch.errors.snapshot());
      System.out.println("READY " + Json.MAPPER.writeValueAsString(report));
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      System.out.println("DROPPED " + batch.dropped());
      System.out.flush();
      batch.close();
    }
    System.exit(0);
  }
}
