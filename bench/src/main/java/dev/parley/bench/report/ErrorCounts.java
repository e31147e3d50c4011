package dev.parley.bench.report;

import dev.parley.bench.driver.ServerError;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counts of failures by error code. */
public final class ErrorCounts {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  public void add(Throwable failure) {
    add(codeOf(failure));
  }

  public void add(String code) {
    counts.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> m = new TreeMap<>();
    counts.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** The server's error code when it gave one, else the exception's simple class name. */
  public static String codeOf(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof ServerError se ? se.code() : t.getClass().getSimpleName();
  }
}
