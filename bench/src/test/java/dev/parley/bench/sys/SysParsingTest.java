package dev.parley.bench.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SysParsingTest {

  @Test
  void cpuTicksAreUtimePlusStimeEvenWithSpacesInTheName() {
    String stat = "4242 (my java (x)) S 1 4242 4242 0 -1 4194304 100 0 0 0 1500 250 0 0 20 0 40 0 12345 0 0";
    assertThat(ProcFs.parseCpuTicks(stat)).isEqualTo(1750);
  }

  @Test
  void rssComesFromVmRss() {
    String status = "Name:\tjava\nVmPeak:\t  999 kB\nVmRSS:\t  2048 kB\nThreads:\t9\n";
    assertThat(ProcFs.parseRssBytes(status)).isEqualTo(OptionalLong.of(2048 * 1024));
    assertThat(ProcFs.parseRssBytes("Name:\tx\n")).isEmpty();
  }

  @Test
  void readsThisVeryProcess() {
    long pid = ProcessHandle.current().pid();
    assertThat(ProcFs.rssBytes(pid).orElseThrow()).isPositive();
    assertThat(ProcFs.cpuNanos(pid).orElseThrow()).isPositive();
    assertThat(ProcFs.rssBytes(Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void findsThePidInSsOutput() {
    String ss = "LISTEN 0 4096 127.0.0.1:8080 0.0.0.0:* users:((\"java\",pid=31337,fd=12))\n";
    assertThat(PortOwner.parse(ss)).isEqualTo(OptionalLong.of(31337));
    assertThat(PortOwner.parse("")).isEmpty();
  }

  @Test
  void sumsPrometheusSamplesByLabel() {
    String text = """
        # HELP jvm_memory_used_bytes The amount of used memory
        # TYPE jvm_memory_used_bytes gauge
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1000.0
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.5E3
        jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 7000.0
        jvm_memory_used_bytes_total 5
        process_resident_memory_bytes 123456789
        """;
    assertThat(PrometheusText.sum(text, "jvm_memory_used_bytes", Map.of("area", "heap"))).isEqualTo(OptionalDouble.of(3500));
    assertThat(PrometheusText.sum(text, "process_resident_memory_bytes", Map.of())).isEqualTo(OptionalDouble.of(123456789));
    assertThat(PrometheusText.sum(text, "missing_metric", Map.of())).isEmpty();
  }

  @Test
  void monitorSamplesAProcessAndSummarisesAWindow() throws Exception {
    try (ServerMonitor m = new ServerMonitor(ProcessHandle.current().pid(), null).start()) {
      long end = System.nanoTime() + 300_000_000L;
      while (System.nanoTime() < end) {
        Math.sqrt(System.nanoTime()); // a little CPU
      }
      ResourceSample s = m.sample();
      assertThat(s.cpuPercent()).isNotNull().isGreaterThanOrEqualTo(0.0);
      assertThat(s.rssBytes()).isPositive();
      assertThat(s.heapBytes()).isNull();
      ServerUsage u = m.usage(0, m.now());
      assertThat(u.samples()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(u.rssMaxBytes()).isPositive();
      assertThat(u.cpuAvgPercent()).isNotNull();
    }
  }
}
