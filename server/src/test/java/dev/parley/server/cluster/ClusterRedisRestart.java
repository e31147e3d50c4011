package dev.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Cluster;
import dev.parley.server.support.Gw;
import dev.parley.server.support.Ws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Redis restarted (empty) under connected clients: what the relay lost meanwhile is read from the log, so every
 * socket still ends with exactly the log, and the nodes recover without a restart.
 */
abstract class ClusterRedisRestart {
    /** The cluster the tests run on: one per subclass, its own tier. */
    protected abstract Cluster cluster();

    @Test
    void afterRedisRestartsEverySocketStillEndsWithExactlyTheLogAndTheNodesRecover() throws Exception {
        Api api = cluster().api(0);
        Account owner = api.register("owner");
        String channel = api.channel(owner, "through a restart", "private");
        List<Account> listeners = new ArrayList<>();
        List<Ws> sockets = new ArrayList<>();
        try {
            for (int node = 0; node < 3; node++) {
                Account listener = cluster().api(node).register("listener");
                api.addMember(owner, channel, listener);
                listeners.add(listener);
            }
            for (int node = 0; node < 3; node++) {
                sockets.add(Ws.connect(cluster().baseUrl(node), listeners.get(node).token()));
            }
            long start = Gw.lastSeq(api, owner, channel);
            Gw.post(cluster().api(1), owner, channel, "before the restart");

            Cluster.redis().engine().stop();
            try {
                for (int i = 0; i < 5; i++) {
                    assertThat(cluster().api(i % 3).post("/api/v1/conversations/" + channel + "/messages", owner.token(),
                            Api.obj("content", "while redis is down " + i, "nonce", "down-" + i)).status())
                            .as("sends still work: the log does not need Redis (the limiter fails open or refuses clearly)")
                            .isIn(201, 503);
                }
                assertThat(cluster().api(2).get("/health/ready", null).status()).isEqualTo(503);
            } finally {
                Cluster.redis().engine().start();
            }
            awaitReady();
            for (int i = 0; i < 5; i++) {
                Gw.post(cluster().api(i % 3), owner, channel, "after the restart " + i);
            }
            long last = Gw.lastSeq(api, owner, channel);
            for (Ws ws : sockets) {
                Predicate<JsonNode> lastOne = f -> f.path("seq").asLong() == last && channel.equals(f.path("conversation_id").asText());
                if (ws.drainAll().stream().noneMatch(lastOne)) {
                    ws.next(lastOne, "the last event after the restart");
                }
                List<Long> seqs = ws.drainAll().stream()
                        .filter(f -> channel.equals(f.path("conversation_id").asText()) && f.has("seq"))
                        .map(f -> f.path("seq").asLong()).toList();
                assertThat(seqs).containsExactlyElementsOf(Gw.range(start + 1, last));
            }
        } finally {
            sockets.forEach(Ws::close);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (int node = 0; node < 3; node++) {
            while (cluster().api(node).get("/health/ready", null).status() != 200) {
                assertThat(System.nanoTime()).as("node %d ready again within 20 s", node).isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }
}
