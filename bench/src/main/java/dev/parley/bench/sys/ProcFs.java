package dev.parley.bench.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reads a process's CPU time and resident memory from /proc. */
public final class ProcFs {

  /** Linux USER_HZ: the unit of utime/stime in /proc/PID/stat on every mainstream kernel. */
  public static final int TICKS_PER_SECOND = 100;

  private ProcFs() {
  }

  /** User plus system CPU time of {@code pid} in nanoseconds, empty when it cannot be read. */
  public static OptionalLong cpuNanos(long pid) {
    try {
      long ticks = parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
      return OptionalLong.of(ticks * (1_000_000_000L / TICKS_PER_SECOND));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** Resident set size of {@code pid} in bytes (VmRSS), empty when it cannot be read. */
  public static OptionalLong rssBytes(long pid) {
    try {
      return parseRssBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** utime + stime (fields 14 and 15) of a /proc/PID/stat line; the name field may hold spaces. */
  static long parseCpuTicks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // f[0] is field 3 (state), so field n is f[n - 3]
    return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
  }

  static OptionalLong parseRssBytes(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String kb = line.substring(6).trim().split("\\s+")[0];
        return OptionalLong.of(Long.parseLong(kb) * 1024);
      }
    }
    return OptionalLong.empty();
  }
}
