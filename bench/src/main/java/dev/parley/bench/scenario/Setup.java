package dev.parley.bench.scenario;

import dev.parley.bench.Async;
import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.DeliveryListener;
import dev.parley.bench.driver.Session;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/** Creating the accounts, connections and rooms a scenario needs. */
final class Setup {

  static final String PASSWORD = "bench-password-1";
  private static final long TIMEOUT_SECONDS = 600;
  /** Bulk steps get this much longer per call they make (joining 100,000 members on tier 2 takes over 600 s). */
  private static final long CALLS_PER_EXTRA_SECOND = 50;

  private Setup() {
  }

  /** A prefix no earlier run used: usernames and room names start with it (a-z0-9 only). */
  static String runPrefix() {
    return "b" + Long.toString(System.currentTimeMillis(), 36)
        + Long.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
  }

  static List<BenchUser> users(ChatDriver driver, String prefix, int n, int parallelism) {
    List<Integer> ids = IntStream.range(0, n).boxed().toList();
    return Async.await(Async.mapBounded(ids, parallelism, i -> driver.createUser(prefix + "_" + i, PASSWORD)),
        timeout(n), "creating " + n + " users");
  }

  /**
   * Connects every user; session {@code i} goes to node {@code nodeOf.applyAsInt(i)} and gets the listener
   * {@code listeners.apply(i)}.
   */
  static List<Session> connect(ChatDriver driver, List<BenchUser> users, IntFunction<DeliveryListener> listeners,
                               IntUnaryOperator nodeOf, int parallelism) {
    List<Integer> ids = IntStream.range(0, users.size()).boxed().toList();
    return Async.await(Async.mapBounded(ids, parallelism,
            i -> driver.connect(users.get(i), listeners.apply(i), nodeOf.applyAsInt(i))),
        timeout(users.size()), "connecting " + users.size() + " sessions");
  }

  static void closeAll(List<Session> sessions) {
    Async.await(CompletableFuture.allOf(sessions.stream().map(s -> s.close().exceptionally(e -> null))
        .toArray(CompletableFuture[]::new)), 60, "closing sessions");
  }

  static <T> T await(CompletableFuture<T> f, String what) {
    return Async.await(f, TIMEOUT_SECONDS, what);
  }

  /** Waits for a bulk step of {@code calls} calls: {@value #TIMEOUT_SECONDS} s, and one more per {@value #CALLS_PER_EXTRA_SECOND} calls. */
  static <T> T await(CompletableFuture<T> f, int calls, String what) {
    return Async.await(f, timeout(calls), what);
  }

  private static long timeout(int calls) {
    return TIMEOUT_SECONDS + calls / CALLS_PER_EXTRA_SECOND;
  }
}
