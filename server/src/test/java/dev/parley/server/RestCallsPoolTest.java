package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool REST calls run on (a fork-join pool, which would add spare threads for blocked calls if let). */
class RestCallsPoolTest {

    @Test
    void noMoreCallsRunAtOnceThanThePoolHasThreadsEvenWhenTheyBlock() throws Exception {
        int threads = VertxOptions.DEFAULT_WORKER_POOL_SIZE;
        ExecutorService pool = Node.restCalls();
        try {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            CountDownLatch full = new CountDownLatch(threads);
            BlockingQueue<Boolean> release = new LinkedBlockingQueue<>();
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 2 * threads; i++) {
                calls.add(CompletableFuture.runAsync(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    full.countDown();
                    try {
                        release.take(); // waits on a lock's condition, as a call waiting for a store connection does
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                }, pool));
            }
            assertThat(full.await(10, TimeUnit.SECONDS)).as("every thread of the pool took a call").isTrue();
            // a spare thread, if the pool started one, would take a waiting call at once; give it the time to show
            Thread.sleep(200);
            assertThat(running.get()).isEqualTo(threads);
            for (int i = 0; i < calls.size(); i++) {
                release.add(true);
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(most.get()).isEqualTo(threads);
            assertThat(((ForkJoinPool) pool).getPoolSize()).as("threads the pool started").isLessThanOrEqualTo(threads);
        } finally {
            pool.shutdownNow();
        }
    }
}
