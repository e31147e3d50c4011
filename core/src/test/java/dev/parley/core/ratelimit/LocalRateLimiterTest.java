package dev.parley.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.fakes.MutableClock;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
    private static final BucketSpec SEND = new BucketSpec(10, 1.0);

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final LocalRateLimiter limiter = new LocalRateLimiter(clock);

    @Test
    void burstOfTenThenRefusedWithRetryAfterOfOneSecond() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("send:1", SEND)).isZero();
        }
        assertThat(limiter.tryAcquire("send:1", SEND)).isEqualTo(1000);
    }

    @Test
    void refillsAtOnePerSecond() {
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("send:1", SEND);
        }
        clock.advanceMillis(400);
        assertThat(limiter.tryAcquire("send:1", SEND)).isEqualTo(600);
        clock.advanceMillis(600);
        assertThat(limiter.tryAcquire("send:1", SEND)).isZero();
        assertThat(limiter.tryAcquire("send:1", SEND)).isEqualTo(1000);
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("send:1", SEND);
        }
        assertThat(limiter.tryAcquire("send:1", SEND)).isPositive();
        assertThat(limiter.tryAcquire("send:2", SEND)).isZero();
    }

    @Test
    void sweepForgetsOnlyBucketsThatHaveRefilledCompletely() {
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("busy", SEND);
        }
        limiter.tryAcquire("idle", SEND);
        assertThat(limiter.size()).isEqualTo(2);

        clock.advanceMillis(1000);
        limiter.sweep(clock.millis());

        assertThat(limiter.size()).isEqualTo(1);
        assertThat(limiter.tryAcquire("busy", SEND)).as("one token refilled").isZero();
        assertThat(limiter.tryAcquire("busy", SEND)).as("the busy bucket kept its state").isEqualTo(1000);
    }

    @Test
    void everyTenThousandthCallSweepsFullBuckets() {
        BucketSpec one = new BucketSpec(1, 1.0);
        for (int i = 0; i < 9_999; i++) {
            limiter.tryAcquire("key:" + i, one);
        }
        assertThat(limiter.size()).isEqualTo(9_999);
        clock.advanceMillis(1_000); // one token at 1/s: every bucket is full again

        limiter.tryAcquire("key:last", one);

        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void gateTurnsARefusalIntoRateLimitedWithRetryAfter() {
        RateLimitGate gate = new RateLimitGate(limiter);
        for (int i = 0; i < 10; i++) {
            gate.check("send:1", SEND, "send");
        }
        assertThatThrownBy(() -> gate.check("send:1", SEND, "send"))
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfterMs()).isEqualTo(1000L);
                });
    }
}
