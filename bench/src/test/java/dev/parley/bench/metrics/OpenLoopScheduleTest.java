package dev.parley.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  @Test
  void intendedTimesAreEvenlySpacedFromTheStart() {
    OpenLoopSchedule s = new OpenLoopSchedule(1_000, 1000); // one per millisecond
    assertThat(s.intendedTime(0)).isEqualTo(1_000);
    assertThat(s.intendedTime(1)).isEqualTo(1_001_000);
    assertThat(s.intendedTime(2500)).isEqualTo(2_500_001_000L);
  }

  @Test
  void dispatchesEverythingDueIncludingLateOnesWithTheirOwnIntendedTimes() {
    OpenLoopSchedule s = new OpenLoopSchedule(0, 1000);
    List<long[]> sent = new ArrayList<>();
    assertThat(s.dispatchDue(0, Long.MAX_VALUE, (i, t) -> sent.add(new long[] {i, t}))).isEqualTo(1);
    // the caller stalls for 5 ms: the 5 overdue sends all go out now, each keeping its slot
    assertThat(s.dispatchDue(5_000_000, Long.MAX_VALUE, (i, t) -> sent.add(new long[] {i, t}))).isEqualTo(5);
    assertThat(sent).extracting(a -> a[1])
        .containsExactly(0L, 1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L, 5_000_000L);
    assertThat(s.dispatched()).isEqualTo(6);
    assertThat(s.nextIntendedTime()).isEqualTo(6_000_000);
  }

  @Test
  void nothingAtOrAfterTheEnd() {
    OpenLoopSchedule s = new OpenLoopSchedule(0, 1000);
    assertThat(s.dispatchDue(Long.MAX_VALUE, 3_000_000, (i, t) -> { })).isEqualTo(3);
    assertThat(s.dispatchDue(Long.MAX_VALUE, 3_000_000, (i, t) -> { })).isZero();
  }

  @Test
  void fractionalRatesKeepTheAverage() {
    OpenLoopSchedule s = new OpenLoopSchedule(0, 3); // 333.33 ms apart
    assertThat(s.dispatchDue(10_000_000_000L - 1, Long.MAX_VALUE, (i, t) -> { })).isEqualTo(30);
  }

  @Test
  void refusesANonPositiveRate() {
    assertThatThrownBy(() -> new OpenLoopSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
