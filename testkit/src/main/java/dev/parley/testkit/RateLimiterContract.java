package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.ratelimit.BucketSpec;
import dev.parley.core.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} must do. Subclass once per adapter; {@link #newRateLimiter(Clock)} must build a
 * limiter that reads time only from the given clock, which the tests move by hand. Keys are fresh per test, so
 * a shared backend need not be empty.
 */
public abstract class RateLimiterContract {
    private static final BucketSpec TEN_THEN_ONE_PER_SECOND = new BucketSpec(10, 1.0);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private RateLimiter limiter;

    /** A limiter for one test, on the given clock. */
    protected abstract RateLimiter newRateLimiter(Clock clock);

    @BeforeEach
    void openLimiter() {
        limiter = newRateLimiter(clock);
    }

    private void drain(String key, BucketSpec spec) {
        for (int i = 0; i < spec.burst(); i++) {
            assertThat(limiter.tryAcquire(key, spec)).as("token %d of the burst", i + 1).isZero();
        }
    }

    @Test
    void aBurstIsGrantedThenRefusedWithTheWaitForTheNextToken() {
        String key = UniqueIds.name("send:");
        drain(key, TEN_THEN_ONE_PER_SECOND);

        assertThat(limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND)).isEqualTo(1000);
    }

    @Test
    void theWaitShrinksAsTimePasses() {
        String key = UniqueIds.name("send:");
        drain(key, TEN_THEN_ONE_PER_SECOND);

        clock.advanceMillis(400);

        assertThat(limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND)).isEqualTo(600);
    }

    @Test
    void oneTokenComesBackEachSecond() {
        String key = UniqueIds.name("send:");
        drain(key, TEN_THEN_ONE_PER_SECOND);

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND)).isZero();
        assertThat(limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND)).isEqualTo(1000);

        clock.advance(Duration.ofSeconds(3));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND)).isZero();
        }
        assertThat(limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND)).isPositive();
    }

    @Test
    void anIdleBucketRefillsOnlyUpToItsBurst() {
        String key = UniqueIds.name("send:");
        drain(key, TEN_THEN_ONE_PER_SECOND);

        clock.advance(Duration.ofHours(1));

        drain(key, TEN_THEN_ONE_PER_SECOND);
        assertThat(limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND)).isEqualTo(1000);
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        String spent = UniqueIds.name("send:");
        String fresh = UniqueIds.name("send:");
        drain(spent, TEN_THEN_ONE_PER_SECOND);

        assertThat(limiter.tryAcquire(spent, TEN_THEN_ONE_PER_SECOND)).isPositive();
        drain(fresh, TEN_THEN_ONE_PER_SECOND);
    }

    @Test
    void theSpecShapesTheBucket() {
        BucketSpec slow = new BucketSpec(3, 0.5);
        String key = UniqueIds.name("login:");
        drain(key, slow);

        assertThat(limiter.tryAcquire(key, slow)).isEqualTo(2000);
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire(key, slow)).isZero();
    }

    @Test
    void aRefundedTokenCanBeTakenAgain() {
        String key = UniqueIds.name("login:");
        drain(key, TEN_THEN_ONE_PER_SECOND);

        limiter.refund(key, TEN_THEN_ONE_PER_SECOND);

        assertThat(limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND)).isZero();
        assertThat(limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND)).isEqualTo(1000);
    }

    @Test
    void refundsNeverFillABucketBeyondItsBurst() {
        String key = UniqueIds.name("login:");
        assertThat(limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND)).isZero();
        limiter.refund(key, TEN_THEN_ONE_PER_SECOND);
        limiter.refund(key, TEN_THEN_ONE_PER_SECOND);
        limiter.refund(UniqueIds.name("never-taken:"), TEN_THEN_ONE_PER_SECOND);

        drain(key, TEN_THEN_ONE_PER_SECOND);
        assertThat(limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND)).isEqualTo(1000);
    }

    @Test
    void concurrentCallersShareOneBurst() throws Exception {
        String key = UniqueIds.name("send:");
        int callers = 8;
        int triesEach = 5;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Integer>> granted = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                granted.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (int t = 0; t < triesEach; t++) {
                        if (limiter.tryAcquire(key, TEN_THEN_ONE_PER_SECOND) == 0) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(TEN_THEN_ONE_PER_SECOND.burst());
        } finally {
            pool.shutdownNow();
        }
    }
}
