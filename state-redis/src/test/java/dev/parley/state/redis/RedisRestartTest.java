package dev.parley.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.RelayEvent;
import dev.parley.core.event.RelayListener;
import dev.parley.core.event.Topic;
import dev.parley.core.presence.Lease;
import dev.parley.core.presence.PresenceRecord;
import dev.parley.core.ratelimit.BucketSpec;
import dev.parley.engines.RedisExtension;
import dev.parley.testkit.UniqueIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis stops and comes back on the same port, empty: the adapters recover by themselves. */
class RedisRestartTest {
    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.shared();
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private final String prefix = TestNodes.freshPrefix();
    private final LinkedBlockingQueue<RelayEvent> received = new LinkedBlockingQueue<>();
    private final AtomicInteger resyncs = new AtomicInteger();
    private RedisConnections here;
    private RedisConnections there;
    private RedisEventRelay subscriber;
    private RedisEventRelay publisher;

    @BeforeEach
    void open() {
        here = TestNodes.open(REDIS);
        there = TestNodes.open(REDIS);
        subscriber = new RedisEventRelay(here, prefix);
        publisher = new RedisEventRelay(there, prefix);
        subscriber.listen(new RelayListener() {
            @Override
            public void onEvent(Topic topic, RelayEvent event) {
                received.add(event);
            }

            @Override
            public void onResync() {
                resyncs.incrementAndGet();
            }
        });
    }

    @AfterEach
    void close() {
        REDIS.engine().start();
        subscriber.close();
        publisher.close();
        here.close();
        there.close();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, RECOVERY).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void assertArrives(Topic topic, RelayEvent event) throws InterruptedException {
        await("the publisher reconnected", there::isReachable);
        publisher.publish(topic, event);
        while (true) {
            RelayEvent next = received.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("%s arrived", event).isNotNull();
            if (next.equals(event)) {
                return;
            }
        }
    }

    private static boolean works(Runnable call) {
        try {
            call.run();
            return true;
        } catch (ParleyException e) {
            return false;
        }
    }

    @Test
    void theRelayResubscribesByItselfAndResyncsOncePerReconnect() throws Exception {
        Topic before = Topic.conversation(UniqueIds.next());
        subscriber.subscribe(before).get(10, TimeUnit.SECONDS);
        assertArrives(before, new Ephemeral.Typing(before.id(), 1));

        REDIS.engine().stop();
        Topic during = Topic.user(UniqueIds.next());
        CompletableFuture<Void> subscribedDuring = subscriber.subscribe(during);
        publisher.publish(before, new Ephemeral.Typing(before.id(), 2));
        REDIS.engine().start();

        await("the relay resynced", () -> resyncs.get() == 1);
        subscribedDuring.get(10, TimeUnit.SECONDS);
        assertArrives(before, new Ephemeral.Typing(before.id(), 3));
        assertArrives(during, new Ephemeral.SessionRevoked(during.id(), 4));
        assertThat(resyncs).hasValue(1);

        REDIS.engine().stop();
        REDIS.engine().start();

        await("the relay resynced again", () -> resyncs.get() == 2);
        assertArrives(before, new Ephemeral.Typing(before.id(), 5));
        assertThat(resyncs).hasValue(2);
    }

    @Test
    void stateCallsFailFastWhileRedisIsDownAndWorkAgainAfter() throws Exception {
        RedisPresenceStore presence = new RedisPresenceStore(here, prefix);
        RedisRateLimiter limiter = new RedisRateLimiter(here, prefix, Clock.systemUTC());
        BucketSpec spec = new BucketSpec(5, 1);
        long ann = UniqueIds.next();
        Instant now = UniqueIds.nowMillis();
        presence.renew(List.of(new Lease(ann, "a-1")), now.plusSeconds(30));

        REDIS.engine().stop();

        assertTimeoutPreemptively(TestNodes.TIMEOUT.plusSeconds(3), () -> {
            assertThatThrownBy(() -> presence.read(List.of(ann), now)).isInstanceOfSatisfying(ParleyException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThatThrownBy(() -> limiter.tryAcquire("send:" + ann, spec)).isInstanceOfSatisfying(ParleyException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        });

        REDIS.engine().start();

        await("presence works again", () -> works(() -> presence.renew(List.of(new Lease(ann, "a-2")), now.plusSeconds(60))));
        assertThat(presence.read(List.of(ann), now).get(ann))
                .as("Redis came back empty: only the renewed lease is known")
                .isEqualTo(new PresenceRecord(1, now.plusSeconds(60), null));
        assertThat(limiter.tryAcquire("send:" + ann, spec)).isZero();
    }
}
