package dev.parley.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.cost.MachineQuiet;
import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.metrics.LatencyStats;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CompareScenarioTest {
    /** A target whose successive runs report these p99s and deliveries per second. */
    private static CompareConfig.TargetRun target(TargetKind kind, List<String> order, double[] p99s, double[] rates) {
        Iterator<Integer> round = java.util.stream.IntStream.range(0, p99s.length).iterator();
        return new CompareConfig.TargetRun(kind, () -> {
            int i = round.next();
            order.add(kind.id());
            return new ResultBuilder("dm", kind.id(), null)
                    .latency("send_to_receive", new LatencyStats(100, 1, 1, 1, p99s[i], p99s[i], p99s[i]))
                    .counter("deliveries_per_sec", rates[i]).build();
        });
    }

    @Test
    void repeatedRoundsAlternateTheTargetsAndReportEachRatioAndTheirMedian() {
        List<String> order = new ArrayList<>();
        CompareConfig config = new CompareConfig("dm", List.of(
                target(TargetKind.PARLEY, order, new double[] {2, 1, 10}, new double[] {900, 1000, 500}),
                target(TargetKind.EJABBERD, order, new double[] {4, 4, 4}, new double[] {300, 500, 1000})), 3);

        RunResult result = CompareScenario.run(config);

        assertThat(order).containsExactly("parley", "ejabberd", "ejabberd", "parley", "parley", "ejabberd");
        assertThat(result.counter("p99_ratio_vs_ejabberd_round1")).isEqualTo(0.5);
        assertThat(result.counter("p99_ratio_vs_ejabberd_round2")).isEqualTo(0.25);
        assertThat(result.counter("p99_ratio_vs_ejabberd_round3")).isEqualTo(2.5);
        assertThat(result.counter("p99_ratio_vs_ejabberd")).isEqualTo(0.5);
        assertThat(result.counter("deliveries_per_sec_ratio_vs_ejabberd")).isEqualTo(2.0);
        assertThat(result.steps()).hasSize(6);
        assertThat(result.notes()).anyMatch(n -> n.contains("MET") && n.contains("0.500"));
    }

    @Test
    void warmUpRoundsRunEveryTargetFirstAndAreNotCounted() {
        List<String> order = new ArrayList<>();
        CompareConfig config = new CompareConfig("dm", List.of(
                target(TargetKind.PARLEY, order, new double[] {50, 2, 1}, new double[] {10, 900, 1000}),
                target(TargetKind.EJABBERD, order, new double[] {1, 4, 4}, new double[] {10, 300, 500})), 2, 1, null);

        RunResult result = CompareScenario.run(config);

        assertThat(order).containsExactly("parley", "ejabberd", "parley", "ejabberd", "ejabberd", "parley");
        assertThat(result.steps()).hasSize(4);
        assertThat(result.counter("p99_ratio_vs_ejabberd_round1")).isEqualTo(0.5);
        assertThat(result.counter("p99_ratio_vs_ejabberd_round2")).isEqualTo(0.25);
        assertThat(result.counter("p99_ratio_vs_ejabberd")).isEqualTo(0.375);
    }

    @Test
    void everyRunFirstWaitsForTheMachineToGoQuietAndOneThatStartedBusyIsNoted() {
        List<String> order = new ArrayList<>();
        AtomicLong clock = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        MachineQuiet alwaysBusy = new MachineQuiet(0.2, 1_000, 0, busy::get, clock::get, millis -> {
            order.add("settle");
            clock.addAndGet(millis * 1_000_000);
            busy.addAndGet(millis * 1_000_000);
        });
        CompareConfig config = new CompareConfig("dm", List.of(
                target(TargetKind.PARLEY, order, new double[] {50, 2}, new double[] {10, 900}),
                target(TargetKind.EJABBERD, order, new double[] {1, 4}, new double[] {10, 300})), 1, 1, alwaysBusy);

        RunResult result = CompareScenario.run(config);

        assertThat(order).containsExactly("settle", "parley", "settle", "ejabberd", "settle", "parley", "settle", "ejabberd");
        assertThat(result.steps()).allSatisfy(step -> {
            assertThat(step.params()).containsEntry("settle_wait_s", "1.0").containsEntry("settle_busy_cores", "1.00");
        });
        assertThat(result.notes()).filteredOn(n -> n.contains("started on a busy machine")).hasSize(4);
    }

    @Test
    void theMedianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() {
        assertThat(CompareScenario.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(CompareScenario.median(List.of(7.0))).isEqualTo(7.0);
    }
}
