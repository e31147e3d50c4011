package dev.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Cluster;
import dev.parley.server.support.Gw;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL unreachable: sends are refused quickly and clearly (on the second tier, a send needs PostgreSQL only when
 * its sender's membership is not cached), readiness fails, and nothing acknowledged is lost.
 */
abstract class ClusterPostgresOutage {
    /** The cluster the tests run on: one per subclass, its own tier. */
    protected abstract Cluster cluster();

    @Test
    void whilePostgresIsDownSendsFailClearlyAndWhenItReturnsServiceResumesWithNothingLost() {
        Api api = cluster().api(0);
        Account owner = api.register("owner");
        String channel = api.channel(owner, "outage", "private");
        List<JsonNode> acknowledged = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            acknowledged.add(Gw.post(cluster().api(i % 2), owner, channel, "before " + i));
        }

        Cluster.postgres().engine().stop();
        try {
            for (int i = 0; i < 4; i++) {
                long started = System.nanoTime();
                Api.Reply during = cluster().api(i % 2).post("/api/v1/conversations/" + channel + "/messages", owner.token(),
                        Api.obj("content", "during " + i, "nonce", "during-" + i));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no hang").isLessThan(Duration.ofSeconds(10));
                if (cluster().tier() == Cluster.Tier.KAFKA && during.status() == 201) {
                    // the second tier's messages go through Kafka and Cassandra: a member known from the cache still sends
                    acknowledged.add(during.json());
                    continue;
                }
                assertThat(during.status()).isEqualTo(503);
                assertThat(during.errorCode()).isEqualTo("unavailable");
            }
            assertThat(cluster().api(0).get("/health/ready", null).status()).isEqualTo(503);
            assertThat(cluster().api(1).get("/health/live", null).status()).isEqualTo(200);
        } finally {
            Cluster.postgres().engine().start();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int node = 0; node < 2; node++) {
            while (cluster().api(node).get("/health/ready", null).status() != 200) {
                assertThat(System.nanoTime()).as("node %d ready again", node).isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        for (int i = 0; i < 4; i++) {
            acknowledged.add(Gw.post(cluster().api(i % 2), owner, channel, "after " + i));
        }
        JsonNode history = api.get("/api/v1/conversations/" + channel + "/messages?after_seq=0&limit=100", owner.token()).json();
        List<String> stored = new ArrayList<>();
        history.path("messages").forEach(m -> stored.add(m.path("id").asText() + "@" + m.path("seq").asLong()));
        assertThat(stored).containsAll(acknowledged.stream().map(m -> m.path("id").asText() + "@" + m.path("seq").asLong()).toList());
        assertThat(stored).hasSize(acknowledged.size());
        assertThat(history.path("messages")).extracting(m -> m.path("seq").asLong())
                .containsExactlyElementsOf(Gw.range(1, acknowledged.size()));
    }
}
