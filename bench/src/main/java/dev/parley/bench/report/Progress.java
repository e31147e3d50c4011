package dev.parley.bench.report;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A status line printed to stderr once a second while something runs: rewritten in place on a
 * terminal, one line per second otherwise.
 */
public final class Progress implements AutoCloseable {

  private static volatile boolean enabled = true;

  private final PrintStream out = System.err;
  private final boolean inPlace = System.console() != null;
  private final ScheduledExecutorService timer;
  private int lastLength;

  private Progress(Supplier<String> line) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> print(line.get()), 1, 1, TimeUnit.SECONDS);
  }

  /** Turns progress output on or off for the whole process ({@code --quiet}). */
  public static void setEnabled(boolean on) {
    enabled = on;
  }

  /** Whether progress output is on in this process. */
  public static boolean enabled() {
    return enabled;
  }

  /** Starts printing {@code line} every second; a supplier that throws prints its error instead. */
  public static Progress start(Supplier<String> line) {
    return new Progress(() -> {
      try {
        return line.get();
      } catch (RuntimeException e) {
        return "progress: " + e;
      }
    });
  }

  private synchronized void print(String line) {
    if (!enabled) {
      return;
    }
    if (inPlace) {
      out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      lastLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    if (enabled && inPlace && lastLength > 0) {
      out.println();
    }
  }
}
