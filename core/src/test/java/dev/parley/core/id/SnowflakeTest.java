package dev.parley.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.fakes.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SnowflakeTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void idsAreUniqueAndStrictlyIncreasingAsTheClockMoves() {
        Snowflake ids = new Snowflake(clock, 7);
        long previous = Long.MIN_VALUE;
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            if (i % 37 == 0) {
                clock.advanceMillis(1);
            }
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
    }

    @Test
    void timestampOfAnIdIsTheClockTimeItWasMadeAt() {
        Snowflake ids = new Snowflake(clock, 1);
        assertThat(Snowflake.timestampMs(ids.next())).isEqualTo(T0.toEpochMilli());
        clock.advanceMillis(86_400_000L * 400);
        assertThat(Snowflake.timestampMs(ids.next())).isEqualTo(clock.millis());
    }

    @Test
    void idsArePositive() {
        assertThat(new Snowflake(clock, 1023).next()).isPositive();
    }

    @Test
    void nodeIdIsEncodedSoTwoNodesNeverCollideInTheSameMillisecond() {
        long a = new Snowflake(clock, 3).next();
        long b = new Snowflake(clock, 4).next();
        assertThat(a).isNotEqualTo(b);
        assertThat((a >>> 12) & 1023).isEqualTo(3);
        assertThat((b >>> 12) & 1023).isEqualTo(4);
        assertThat(Snowflake.timestampMs(a)).isEqualTo(Snowflake.timestampMs(b));
    }

    @Test
    void nodeIdOutsideTenBitsIsRefused() {
        assertThatThrownBy(() -> new Snowflake(clock, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Snowflake(clock, 1024)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clockSteppingBackNeverMakesAnIdGoBackwards() {
        Snowflake ids = new Snowflake(clock, 1);
        long before = ids.next();
        clock.advanceMillis(-5_000);
        long after = ids.next();
        long later = ids.next();
        assertThat(after).isGreaterThan(before);
        assertThat(later).isGreaterThan(after);
        assertThat(Snowflake.timestampMs(after)).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void moreThan4096IdsInOneMillisecondStayUniqueByBorrowingTheNextMillisecond() {
        Snowflake ids = new Snowflake(clock, 9);
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next());
        }
        assertThat(made).doesNotHaveDuplicates().isSorted();
        assertThat(Snowflake.timestampMs(made.get(4095))).isEqualTo(T0.toEpochMilli());
        assertThat(Snowflake.timestampMs(made.get(4096))).isEqualTo(T0.toEpochMilli() + 1);
        assertThat(Snowflake.timestampMs(made.get(9_999))).isEqualTo(T0.toEpochMilli() + 2);
    }

    @Test
    void concurrentCallersNeverGetTheSameId() throws Exception {
        Snowflake ids = new Snowflake(clock, 2);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < 5_000; i++) {
                        mine.add(ids.next());
                    }
                    return mine;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> f : futures) {
                List<Long> mine = f.get(30, TimeUnit.SECONDS);
                assertThat(mine).isSorted();
                all.addAll(mine);
            }
            assertThat(all).hasSize(20_000);
        } finally {
            pool.shutdownNow();
        }
    }
}
