package dev.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Cluster;
import dev.parley.server.support.Gw;
import dev.parley.server.support.Ws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node killed with SIGKILL while clients on every node send: nothing acknowledged is lost, seqs stay dense, its
 * clients carry on from another node after catching up, and its users go offline for others by themselves.
 */
abstract class ClusterNodeKill {
    /** The cluster the tests run on: one per subclass, its own tier. */
    protected abstract Cluster cluster();

    @Test
    void killingANodeLosesNoAcknowledgedMessageAndItsClientsCatchUpElsewhere() throws Exception {
        Api api = cluster().api(0);
        Account owner = api.register("owner");
        String channel = api.channel(owner, "survivors", "private");
        List<Account> senders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Account s = cluster().api(i % 3).register("sender");
            api.addMember(owner, channel, s);
            senders.add(s);
        }
        Account victim = cluster().api(1).register("victim");
        api.addMember(owner, channel, victim);
        Account watcher = cluster().api(0).register("watcher");
        assertThat(api.post("/api/v1/dms", watcher.token(), Api.obj("username", victim.username())).status()).isEqualTo(200);

        Ws watching = Ws.connect(cluster().baseUrl(0), watcher.token());
        Ws onVictimsNode = Ws.connect(cluster().baseUrl(1), victim.token());
        watching.next(Gw.presence(victim.id(), "online"), "the victim online");
        long seenUpTo = 0;

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        CountDownLatch halfway = new CountDownLatch(senders.size());
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int s = 0; s < senders.size(); s++) {
                Account sender = senders.get(s);
                int home = s % 3;
                running.add(pool.submit(() -> {
                    for (int m = 0; m < 40; m++) {
                        if (m == 20) {
                            halfway.countDown();
                        }
                        String content = sender.username() + " #" + m;
                        for (int node : new int[] {home, (home + 1) % 3, (home + 2) % 3}) {
                            try {
                                // a retry on another node carries the same nonce: it gets the original if the first landed
                                Api.Reply r = cluster().api(node).post("/api/v1/conversations/" + channel + "/messages",
                                        sender.token(), Api.obj("content", content, "nonce", content));
                                if (r.status() == 201) {
                                    acknowledged.put(content, r.json().path("seq").asLong());
                                    break;
                                }
                            } catch (RuntimeException nodeGone) {
                                // that node is dead: try the next one
                            }
                        }
                    }
                    return null;
                }));
            }
            assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
            for (JsonNode f : onVictimsNode.drainAll()) {
                if (channel.equals(f.path("conversation_id").asText())) {
                    seenUpTo = Math.max(seenUpTo, f.path("seq").asLong());
                }
            }
            cluster().node(1).kill();
            watching.next(Gw.presence(victim.id(), "offline"), "the victim offline once its node's lease ran out");
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<JsonNode> history = new ArrayList<>();
        long after = 0;
        boolean more = true;
        while (more) {
            JsonNode page = api.get("/api/v1/conversations/" + channel + "/messages?after_seq=" + after + "&limit=100",
                    owner.token()).json();
            page.path("messages").forEach(history::add);
            more = page.path("has_more").asBoolean();
            after = history.isEmpty() ? 0 : history.get(history.size() - 1).path("seq").asLong();
        }
        Map<String, Long> stored = new HashMap<>();
        history.forEach(m -> stored.put(m.path("content").asText(), m.path("seq").asLong()));
        assertThat(stored).as("every acknowledged message with the seq it was acknowledged with")
                .containsAllEntriesOf(acknowledged);
        long last = Gw.lastSeq(api, owner, channel);
        List<JsonNode> events = new ArrayList<>();
        after = 0;
        more = true;
        while (more) {
            JsonNode page = api.get("/api/v1/conversations/" + channel + "/events?after_seq=" + after, owner.token()).json();
            page.path("events").forEach(events::add);
            more = page.path("has_more").asBoolean();
            after = events.get(events.size() - 1).path("seq").asLong();
        }
        assertThat(events).extracting(e -> e.path("seq").asLong()).containsExactlyElementsOf(Gw.range(1, last));

        // the victim's client reconnects to another node with its cursor and gets everything it missed
        String elsewhere = api.get("/api/v1/gateway", null).json().path("url").asText();
        assertThat(elsewhere).doesNotContain(":" + java.net.URI.create(cluster().baseUrl(1)).getPort() + "/");
        try (Ws again = Ws.connect(elsewhere.replace("ws://", "http://").replace("/gateway", ""), victim.token(),
                Gw.cursors(Map.of(channel, seenUpTo)))) {
            List<Long> replayed = again.drainAll().stream()
                    .filter(f -> channel.equals(f.path("conversation_id").asText()) && f.has("seq"))
                    .map(f -> f.path("seq").asLong()).toList();
            if (last - seenUpTo <= 100) {
                assertThat(replayed).containsExactlyElementsOf(Gw.range(seenUpTo + 1, last));
            } else {
                assertThat(again.drainAll()).anyMatch(f -> "CATCHUP_TRUNCATED".equals(f.path("op").asText()));
            }
        }

        watching.close();
        onVictimsNode.close();
    }
}
