package dev.parley.server.rest;

import dev.parley.server.support.Gw;
import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Api.Reply;
import dev.parley.server.support.TestNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Password hashing (sign-up, login) runs on a bounded pool of its own: a burst of it cannot occupy the workers
 * every other request needs, and beyond the queue's bound it is refused at once with 503.
 */
class PasswordHashingTest {
    private static final int BURST = 30;

    @RegisterExtension
    static final TestNode REAL_COST = new TestNode().with("bcrypt.cost", "11").with("password.hash.threads", "1");

    @RegisterExtension
    static final TestNode SMALL_QUEUE = new TestNode().with("bcrypt.cost", "10").with("password.hash.threads", "1")
            .with("password.hash.queue", "4");

    @Test
    void aBurstOfSignUpsDoesNotStarveOtherRequests() throws Exception {
        Api api = REAL_COST.api();
        Account bystander = api.register("bystander");
        AtomicInteger signedUp = new AtomicInteger();
        CompletableFuture<Void> firstDone = new CompletableFuture<>();
        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        try {
            List<CompletableFuture<Integer>> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                burst.add(CompletableFuture.supplyAsync(() -> {
                    int status = SignUpLimitsTest.register(api, SignUpLimitsTest.name("burst")).status();
                    signedUp.incrementAndGet();
                    firstDone.complete(null);
                    return status;
                }, pool));
            }
            firstDone.get(2, TimeUnit.MINUTES);

            assertThat(api.get(V1 + "/users/me", bystander.token()).status()).isEqualTo(200);
            int doneWhenAnswered = signedUp.get();

            assertThat(doneWhenAnswered).as("sign-ups finished before another user's request was answered")
                    .isLessThan(BURST / 3);
            for (CompletableFuture<Integer> f : burst) {
                assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void passwordChecksBeyondTheQueueAreRefusedAtOnceWithUnavailable() throws Exception {
        Api api = SMALL_QUEUE.api();
        Account owner = api.register("queued");
        List<Reply> replies = Gw.concurrently(20, i -> api.post(V1 + "/auth/login", null,
                obj("username", owner.username(), "password", Rest.PASSWORD)));
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isIn(200, 503));
        assertThat(replies.stream().filter(r -> r.status() == 503).count()).as("logins refused, the queue being full")
                .isPositive();
        replies.stream().filter(r -> r.status() == 503).forEach(r -> assertError(r, 503, "unavailable"));
        assertThat(replies.stream().filter(r -> r.status() == 200).count()).isGreaterThanOrEqualTo(4);
        assertThat(api.post(V1 + "/auth/login", null, obj("username", owner.username(), "password", Rest.PASSWORD))
                .status()).as("once the burst is over").isEqualTo(200);
    }
}
