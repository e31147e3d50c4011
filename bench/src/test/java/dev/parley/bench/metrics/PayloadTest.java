package dev.parley.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayloadTest {

  @Test
  void roundTripsAndPadsToTheSize() {
    String s = new Payload(123_456_789_012L, 42).encode(100);
    assertThat(s).hasSize(100).startsWith("bench 123456789012 42 x");
    assertThat(Payload.decode(s)).isEqualTo(new Payload(123_456_789_012L, 42));
  }

  @Test
  void negativeNanoTimesSurvive() {
    assertThat(Payload.decode(new Payload(-5L, 0).encode(0))).isEqualTo(new Payload(-5L, 0));
  }

  @Test
  void otherContentIsNotAPayload() {
    assertThat(Payload.decode("hello")).isNull();
    assertThat(Payload.decode("bench x y")).isNull();
    assertThat(Payload.decode("bench 12")).isNull();
    assertThat(Payload.decode(null)).isNull();
  }

  @Test
  void histogramsSurviveTheCodec() {
    LatencyRecorder r = new LatencyRecorder();
    r.recordMicros(1500);
    r.recordMicros(250_000);
    var decoded = HistogramCodec.decode(HistogramCodec.encode(r.total()));
    assertThat(LatencyStats.ofMicros(decoded)).isEqualTo(r.stats());
  }
}
