package dev.parley.bench.cost;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of a process and all its descendants, from /proc: PostgreSQL serves each connection from a process of
 * its own, so the postmaster's own time says little. Each live process counts its user and system time plus that
 * of its children that have ended (cutime, cstime), so nothing is counted twice and a backend that ends during a
 * run is not lost.
 */
public final class ProcessTree {

  /** Linux USER_HZ: the unit of the times in /proc/PID/stat. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** One line of /proc/PID/stat, as far as this needs it. */
  record Stat(long pid, long parent, long ticks) {
  }

  private ProcessTree() {
  }

  /** CPU nanoseconds used so far by {@code root} and its descendants; 0 when it does not exist. */
  public static long cpuNanos(long root) {
    return cpuTicks(root, readAll()) * NANOS_PER_TICK;
  }

  static long cpuTicks(long root, List<Stat> all) {
    Map<Long, List<Stat>> children = new HashMap<>();
    Stat top = null;
    for (Stat s : all) {
      children.computeIfAbsent(s.parent(), k -> new ArrayList<>()).add(s);
      if (s.pid() == root) {
        top = s;
      }
    }
    if (top == null) {
      return 0;
    }
    long ticks = 0;
    Deque<Stat> todo = new ArrayDeque<>(List.of(top));
    while (!todo.isEmpty()) {
      Stat s = todo.pop();
      ticks += s.ticks();
      todo.addAll(children.getOrDefault(s.pid(), List.of()));
    }
    return ticks;
  }

  /** Fields 4 (ppid) and 14-17 (utime, stime, cutime, cstime) of a stat line; the name may hold spaces. */
  static Stat parse(String stat) {
    long pid = Long.parseLong(stat.substring(0, stat.indexOf(' ')));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // f[0] is field 3 (state), so field n is f[n - 3]
    long ticks = 0;
    for (int field = 14; field <= 17; field++) {
      ticks += Long.parseLong(f[field - 3]);
    }
    return new Stat(pid, Long.parseLong(f[4 - 3]), ticks);
  }

  private static List<Stat> readAll() {
    List<Stat> all = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path dir : dirs) {
        try {
          all.add(parse(Files.readString(dir.resolve("stat"))));
        } catch (IOException | RuntimeException e) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return all;
    }
    return all;
  }
}
