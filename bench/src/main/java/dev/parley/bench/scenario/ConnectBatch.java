package dev.parley.bench.scenario;

import dev.parley.bench.Async;
import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.DeliveryListener;
import dev.parley.bench.driver.Session;
import dev.parley.bench.metrics.LatencyRecorder;
import dev.parley.bench.report.ErrorCounts;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/** Opens many idle sessions over a pool of users (connection {@code i} on node {@code i mod nodes}), timing each connect (socket to ready). */
final class ConnectBatch {

  final LatencyRecorder latency = new LatencyRecorder();
  final ErrorCounts errors = new ErrorCounts();
  final List<Session> sessions;
  final double seconds;

  ConnectBatch(ChatDriver driver, List<BenchUser> users, int connections, int concurrency) {
    long start = System.nanoTime();
    List<Integer> ids = IntStream.range(0, connections).boxed().toList();
    List<Session> opened = Setup.await(Async.mapBounded(ids, concurrency, i -> {
      long t0 = System.nanoTime();
      return driver.connect(users.get(i % users.size()), DeliveryListener.IGNORE, i % driver.nodes()).handle((s, e) -> {
        if (e != null) {
          errors.add(e);
          return null;
        }
        latency.record(t0, System.nanoTime());
        return s;
      });
    }), "connecting " + connections + " sessions");
    this.seconds = (System.nanoTime() - start) / 1e9;
    this.sessions = opened.stream().filter(Objects::nonNull).toList();
  }

  long dropped() {
    return sessions.stream().filter(s -> !s.isOpen()).count();
  }

  void close() {
    Setup.closeAll(sessions);
  }
}
