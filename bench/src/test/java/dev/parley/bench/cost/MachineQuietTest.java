package dev.parley.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MachineQuietTest {
    /** A machine whose busy cores in successive one-second windows are {@code cores}, then the last one for ever. */
    private static MachineQuiet machine(double maxBusyCores, long maxWaitMillis, double... cores) {
        AtomicLong clock = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        int[] window = {0};
        return new MachineQuiet(maxBusyCores, 1_000, maxWaitMillis, busy::get, clock::get, millis -> {
            double c = cores[Math.min(window[0]++, cores.length - 1)];
            clock.addAndGet(millis * 1_000_000);
            busy.addAndGet((long) (c * millis * 1_000_000));
        });
    }

    @Test
    void aServerStillWorkingOffTheRunBeforeIsWaitedFor() {
        MachineQuiet.Outcome o = machine(0.2, 60_000, 1.4, 1.1, 0.6, 0.05).await();

        assertThat(o.quiet()).isTrue();
        assertThat(o.waitedSeconds()).isEqualTo(4.0);
        assertThat(o.busyCores()).isCloseTo(0.05, offset(1e-9));
    }

    @Test
    void aQuietMachineCostsOneWindow() {
        MachineQuiet.Outcome o = machine(0.2, 60_000, 0.1).await();

        assertThat(o.quiet()).isTrue();
        assertThat(o.waitedSeconds()).isEqualTo(1.0);
    }

    @Test
    void aMachineThatStaysBusyIsGivenUpOnAfterTheLongestWait() {
        MachineQuiet.Outcome o = machine(0.2, 5_000, 0.9).await();

        assertThat(o.quiet()).isFalse();
        assertThat(o.waitedSeconds()).isEqualTo(5.0);
        assertThat(o.busyCores()).isCloseTo(0.9, offset(1e-9));
    }
}
