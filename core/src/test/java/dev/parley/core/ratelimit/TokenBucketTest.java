package dev.parley.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long T0 = 1_000_000L;
    private static final BucketSpec TEN_PER_SECOND_REFILL_ONE = new BucketSpec(10, 1.0);

    private static TokenBucket drained(BucketSpec spec) {
        TokenBucket bucket = new TokenBucket(spec, T0);
        for (int i = 0; i < spec.burst(); i++) {
            assertThat(bucket.tryTake(T0)).as("take %d of the burst", i + 1).isZero();
        }
        return bucket;
    }

    @Test
    void aFreshBucketGrantsTheWholeBurstThenRefusesWithTheTimeToTheNextToken() {
        TokenBucket bucket = drained(TEN_PER_SECOND_REFILL_ONE);
        assertThat(bucket.tryTake(T0)).isEqualTo(1000);
        assertThat(bucket.tryTake(T0)).isEqualTo(1000);
    }

    @Test
    void retryAfterShrinksAsTheBucketRefills() {
        TokenBucket bucket = drained(TEN_PER_SECOND_REFILL_ONE);
        assertThat(bucket.tryTake(T0 + 250)).isEqualTo(750);
        assertThat(bucket.tryTake(T0 + 750)).isEqualTo(250);
        assertThat(bucket.tryTake(T0 + 1000)).isZero();
    }

    @Test
    void refillsOneTokenPerSecond() {
        TokenBucket bucket = drained(TEN_PER_SECOND_REFILL_ONE);
        assertThat(bucket.tryTake(T0 + 1000)).isZero();
        assertThat(bucket.tryTake(T0 + 1000)).isEqualTo(1000);
        assertThat(bucket.tryTake(T0 + 3000)).isZero();
        assertThat(bucket.tryTake(T0 + 3000)).isZero();
        assertThat(bucket.tryTake(T0 + 3000)).isEqualTo(1000);
    }

    @Test
    void refillStopsAtTheBurst() {
        TokenBucket bucket = drained(TEN_PER_SECOND_REFILL_ONE);
        long muchLater = T0 + 3_600_000;
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.tryTake(muchLater)).isZero();
        }
        assertThat(bucket.tryTake(muchLater)).isEqualTo(1000);
    }

    @Test
    void slowRefillRatesGiveLongerWaits() {
        TokenBucket bucket = drained(new BucketSpec(3, 0.2));
        assertThat(bucket.tryTake(T0)).isEqualTo(5000);
    }

    @Test
    void aClockThatStepsBackAddsNoTokens() {
        TokenBucket bucket = drained(TEN_PER_SECOND_REFILL_ONE);
        assertThat(bucket.tryTake(T0 - 60_000)).isEqualTo(1000);
        assertThat(bucket.tryTake(T0 + 1000)).isZero();
    }

    @Test
    void isFullOnlyOnceEveryTokenIsBack() {
        TokenBucket bucket = new TokenBucket(TEN_PER_SECOND_REFILL_ONE, T0);
        assertThat(bucket.isFull(T0)).isTrue();
        bucket.tryTake(T0);
        bucket.tryTake(T0);
        assertThat(bucket.isFull(T0 + 1999)).isFalse();
        assertThat(bucket.isFull(T0 + 2000)).isTrue();
    }

    @Test
    void specRefusesShapesThatCouldNeverGrant() {
        assertThatThrownBy(() -> new BucketSpec(0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BucketSpec(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
