package dev.parley.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  private static final long MS = 1_000_000;

  @Test
  void measuresFromTheIntendedTimeSoAStallIsNotHidden() {
    // open loop at 1 message/ms; the sender stalls 100 ms at t=0 and then sends the 100 overdue
    // messages at once, each answered 1 ms after it actually went out
    LatencyRecorder corrected = new LatencyRecorder();
    LatencyRecorder naive = new LatencyRecorder();
    for (int i = 0; i < 100; i++) {
      long intended = i * MS;
      long actual = 100 * MS;
      long done = actual + MS;
      corrected.record(intended, done);
      naive.record(actual, done);
    }
    for (int i = 100; i < 10_000; i++) {
      long intended = i * MS;
      corrected.record(intended, intended + MS);
      naive.record(intended, intended + MS);
    }
    LatencyStats c = corrected.stats();
    LatencyStats n = naive.stats();
    assertThat(n.p99Ms()).isCloseTo(1.0, within(0.01));
    assertThat(n.maxMs()).isCloseTo(1.0, within(0.01));
    // 1% of the samples waited in the stall (2..101 ms): they own the tail above p99
    assertThat(c.maxMs()).isCloseTo(101.0, within(0.2));
    assertThat(c.p999Ms()).isGreaterThan(80);
    assertThat(c.p50Ms()).isCloseTo(1.0, within(0.01));
    assertThat(c.count()).isEqualTo(10_000);
  }

  @Test
  void latencyIsNeverNegativeAndClampedAtTheTop() {
    assertThat(LatencyRecorder.latencyMicros(5_000, 1_000)).isZero();
    assertThat(LatencyRecorder.latencyMicros(0, 2_500_000)).isEqualTo(2_500);
    LatencyRecorder r = new LatencyRecorder();
    r.recordMicros(LatencyRecorder.MAX_MICROS * 10);
    assertThat(r.stats().maxMs()).isCloseTo(LatencyRecorder.MAX_MICROS / 1000.0, within(LatencyRecorder.MAX_MICROS / 500.0));
  }

  @Test
  void intervalsAddUpToTheTotal() {
    LatencyRecorder r = new LatencyRecorder();
    r.recordMicros(1000);
    assertThat(r.takeInterval().getTotalCount()).isEqualTo(1);
    r.recordMicros(2000);
    r.recordMicros(3000);
    assertThat(r.takeInterval().getTotalCount()).isEqualTo(2);
    assertThat(r.stats().count()).isEqualTo(3);
    assertThat(r.stats().maxMs()).isCloseTo(3.0, within(0.01));
  }

  @Test
  void emptyStatsAreZero() {
    assertThat(new LatencyRecorder().stats()).isEqualTo(new LatencyStats(0, 0, 0, 0, 0, 0, 0));
  }
}
