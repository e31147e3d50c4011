package dev.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.log.kafka.KafkaMessageLog;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Cluster;
import dev.parley.server.support.Gw;
import dev.parley.server.support.NodeProcess;
import dev.parley.server.support.Ws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The second tier's log under the failures its design must survive, on three node processes: the owner of a
 * conversation's partition killed with SIGKILL under load, the owner stopped (SIGSTOP) past its session timeout while
 * another node takes its partitions and then woken (SIGCONT) as a stale owner, a rebalance while sends are in flight (a
 * node added, one stopped), and clients that resend their nonce to another node when theirs died before answering.
 * After each: every acknowledged nonce is stored exactly once with the seq it was acknowledged with, the seqs are
 * 1..n without gap or repeat, and every node and a live client see the same (seq, event) pairs. Then catch-up of
 * 1,000 missed events over 50 conversations after reconnecting to another node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterKafkaFailuresTest {
    @RegisterExtension
    static final Cluster CLUSTER = Cluster.kafka(3);

    // ---- the failures

    @Test
    @Order(1)
    void killingThePartitionOwnerMidLoadLosesAndRepeatsNothing() throws Exception {
        Scenario s = new Scenario("kill");
        int owner = ownerOf(s.channel);
        try {
            s.load(6, 40, node -> true, () -> CLUSTER.node(owner).kill());
            s.verify(node -> node != owner);
        } finally {
            CLUSTER.restart(owner);
        }
    }

    @Test
    @Order(2)
    void anOwnerPausedPastItsSessionTimeoutIsReplacedAndWritesNothingDifferentWhenItWakes() throws Exception {
        Scenario s = new Scenario("zombie");
        int owner = ownerOf(s.channel);
        NodeProcess paused = CLUSTER.node(owner);
        try {
            s.load(4, 40, node -> node != owner, () -> {
                paused.signal("STOP");
                awaitOwner(s.channel, n -> n != owner, Duration.ofSeconds(40));
            });
        } finally {
            paused.signal("CONT");
        }
        awaitReady(owner);
        s.load(3, 10, node -> true, () -> { });
        s.verify(node -> true);
    }

    @Test
    @Order(3)
    void aRebalanceWhileSendsAreInFlightLosesAndRepeatsNothing() throws Exception {
        Scenario s = new Scenario("rebalance");
        try {
            s.load(6, 40, node -> node != 0, () -> {
                CLUSTER.add();
                CLUSTER.stop(0);
            });
            s.verify(node -> node != 0);
        } finally {
            CLUSTER.restart(0);
        }
    }

    // ---- catch-up

    @Test
    @Order(4)
    void catchUpOfAThousandMissedEventsOverFiftyConversationsAfterReconnectingElsewhere() throws Exception {
        Api api = CLUSTER.api(1);
        Account reader = api.register("reader");
        Account writer = api.register("writer");
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String channel = CLUSTER.api(i % 3).channel(writer, "catch-up " + i, "private");
            CLUSTER.api(i % 3).addMember(writer, channel, reader);
            channels.add(channel);
        }
        Map<String, Long> cursors = new HashMap<>();
        try (Ws before = Ws.connect(CLUSTER.baseUrl(0), reader.token())) {
            for (String channel : channels) {
                cursors.put(channel, Gw.lastSeq(api, reader, channel));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String channel = channels.get(i);
                int node = i % 3;
                sends.add(pool.submit(() -> {
                    for (int m = 0; m < 20; m++) {
                        Gw.post(CLUSTER.api((node + m) % 3), writer, channel, "missed " + m);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sends) {
                f.get(180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long started = System.nanoTime();
        try (Ws after = Ws.connect(CLUSTER.baseUrl(2), reader.token(), Gw.cursors(cursors))) {
            List<JsonNode> frames = after.drainAll();
            System.err.printf("catch-up of 1,000 events over 50 conversations: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            for (String channel : channels) {
                assertThat(Gw.seqs(Gw.logOf(frames, channel))).as(channel)
                        .containsExactlyElementsOf(Gw.range(cursors.get(channel) + 1, cursors.get(channel) + 20));
            }
        }
    }

    // ---- what every failure test checks

    /** A channel with senders on every node, a listener whose socket stays on a node that survives, and what they saw. */
    private static final class Scenario {
        final Account owner;
        final String channel;
        final List<Account> senders = new ArrayList<>();
        final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        final Account listener;
        int round;

        Scenario(String name) {
            Api api = CLUSTER.api(0);
            owner = api.register("owner");
            channel = api.channel(owner, name, "private");
            for (int i = 0; i < 6; i++) {
                Account sender = CLUSTER.api(i % 3).register("sender");
                api.addMember(owner, channel, sender);
                senders.add(sender);
            }
            listener = api.register("listener");
            api.addMember(owner, channel, listener);
        }

        /**
         * {@code threads} senders send {@code perThread} messages each, over the nodes {@code usable} allows, retrying a
         * send that got no answer on the next node with the same nonce; halfway, {@code failure} runs.
         */
        void load(int threads, int perThread, IntPredicate usable, Failure failure) throws Exception {
            int r = round++;
            java.util.concurrent.CountDownLatch half = new java.util.concurrent.CountDownLatch(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Account sender = senders.get(t % senders.size());
                    int home = t;
                    running.add(pool.submit(() -> {
                        for (int m = 0; m < perThread; m++) {
                            if (m == perThread / 2) {
                                half.countDown();
                            }
                            String nonce = "r" + r + "-" + sender.username() + "-" + home + "-" + m;
                            send(sender, nonce, home, usable);
                        }
                        return null;
                    }));
                }
                assertThat(half.await(120, TimeUnit.SECONDS)).isTrue();
                failure.run();
                for (Future<?> f : running) {
                    f.get(180, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private void send(Account sender, String nonce, int home, IntPredicate usable) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
                int node = (home + attempt) % CLUSTER.size();
                if (!usable.test(node) || !CLUSTER.node(node).isAlive()) {
                    continue;
                }
                try {
                    Api.Reply r = CLUSTER.api(node).post("/api/v1/conversations/" + channel + "/messages", sender.token(),
                            Api.obj("content", nonce, "nonce", nonce));
                    if (r.status() == 201) {
                        Long before = acknowledged.put(nonce, r.json().path("seq").asLong());
                        assertThat(before == null || before == r.json().path("seq").asLong())
                                .as("a resent nonce gets the original seq").isTrue();
                        return;
                    }
                } catch (RuntimeException nodeGone) {
                    // no answer (the node died or is stopping): the client sends again elsewhere, same nonce
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            throw new AssertionError("no node acknowledged " + nonce);
        }

        /** The log as every live node serves it, checked against what was acknowledged and what a client received. */
        void verify(IntPredicate live) throws Exception {
            List<JsonNode> reference = null;
            for (int node = 0; node < CLUSTER.size(); node++) {
                if (!live.test(node) || !CLUSTER.node(node).isAlive()) {
                    continue;
                }
                List<JsonNode> events = events(CLUSTER.api(node));
                if (reference == null) {
                    reference = events;
                } else {
                    assertThat(pairs(events)).as("node %d serves the same (seq, event) pairs", node).isEqualTo(pairs(reference));
                }
            }
            assertThat(reference).isNotNull();
            long last = reference.get(reference.size() - 1).path("seq").asLong();
            assertThat(reference).extracting(e -> e.path("seq").asLong()).as("seqs 1..n, no gap, no repeat")
                    .containsExactlyElementsOf(Gw.range(1, last));
            Map<String, JsonNode> stored = new HashMap<>();
            for (JsonNode e : reference) {
                if ("MESSAGE_CREATE".equals(e.path("op").asText())) {
                    JsonNode before = stored.put(e.path("d").path("message").path("content").asText(), e);
                    assertThat(before).as("each nonce once: %s", e).isNull();
                }
            }
            Map<String, Long> storedSeqs = new HashMap<>();
            stored.forEach((nonce, e) -> storedSeqs.put(nonce, e.path("seq").asLong()));
            assertThat(storedSeqs).as("every acknowledged nonce, with the seq it was acknowledged with")
                    .containsAllEntriesOf(acknowledged);
            Map<Long, String> log = pairsBySeq(reference);
            for (int node = 0; node < CLUSTER.size(); node++) {
                if (!live.test(node) || !CLUSTER.node(node).isAlive()) {
                    continue;
                }
                try (Ws client = Ws.connect(CLUSTER.baseUrl(node), listener.token(), Gw.cursors(Map.of(channel, 0L)))) {
                    Map<Long, String> seen = pairsBySeq(Gw.logOf(client.drainAll(), channel));
                    Map<Long, String> expected = new LinkedHashMap<>();
                    log.forEach((seq, event) -> {
                        if (seq <= seen.size()) {
                            expected.put(seq, event);
                        }
                    });
                    assertThat(seen).as("a client on node %d gets the same (seq, event) pairs", node).isEqualTo(expected);
                }
            }
        }

        private static Map<Long, String> pairsBySeq(List<JsonNode> frames) {
            Map<Long, String> pairs = new LinkedHashMap<>();
            frames.forEach(f -> pairs.put(f.path("seq").asLong(), f.path("op").asText() + " " + f.path("d")));
            return pairs;
        }

        private List<JsonNode> events(Api api) {
            List<JsonNode> events = new ArrayList<>();
            long after = 0;
            boolean more = true;
            while (more) {
                JsonNode page = api.get("/api/v1/conversations/" + channel + "/events?after_seq=" + after, owner.token()).json();
                page.path("events").forEach(events::add);
                more = page.path("has_more").asBoolean();
                after = events.isEmpty() ? 0 : events.get(events.size() - 1).path("seq").asLong();
            }
            return events;
        }

        private static List<String> pairs(List<JsonNode> events) {
            return events.stream().map(JsonNode::toString).toList();
        }
    }

    @FunctionalInterface
    private interface Failure {
        void run() throws Exception;
    }

    // ---- who owns what

    /** The node whose consumer owns the conversation's partition, once the group has settled. */
    private static int ownerOf(String conversationId) throws Exception {
        return awaitOwner(conversationId, n -> true, Duration.ofSeconds(60));
    }

    private static int awaitOwner(String conversationId, IntPredicate wanted, Duration within) throws Exception {
        String topic = CLUSTER.setting("PARLEY_LOG_KAFKA_TOPIC");
        String group = CLUSTER.setting("PARLEY_LOG_KAFKA_GROUP");
        int partitions = Integer.parseInt(CLUSTER.setting("PARLEY_LOG_KAFKA_PARTITIONS"));
        TopicPartition tp = new TopicPartition(topic, KafkaMessageLog.partition(Long.parseLong(conversationId), partitions));
        long deadline = System.nanoTime() + within.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Cluster.kafka().bootstrap()))) {
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription group0 = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                for (MemberDescription m : group0.members()) {
                    if (m.assignment().topicPartitions().contains(tp)) {
                        for (int node = 0; node < CLUSTER.size(); node++) {
                            if (m.clientId().startsWith("parley-log-" + CLUSTER.node(node).pid() + "-") && wanted.test(node)) {
                                return node;
                            }
                        }
                    }
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
        throw new AssertionError("no wanted owner of " + tp + " within " + within);
    }

    private static void awaitReady(int node) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (CLUSTER.api(node).get("/health/ready", null).status() != 200) {
            assertThat(System.nanoTime()).as("node %d ready again", node).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}
