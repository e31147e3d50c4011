package dev.parley.server.rest;

import dev.parley.server.support.Gw;
import static dev.parley.server.rest.Rest.lastSeq;
import static dev.parley.server.rest.Rest.messages;
import static dev.parley.server.rest.Rest.ok;
import static dev.parley.server.rest.Rest.send;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Api.Reply;
import dev.parley.server.support.NodeProcess;
import dev.parley.server.support.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Acknowledged messages survive a clean restart and a SIGKILL, with their seqs still dense. */
class DurabilityTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("rate.limit.send.burst", "100000").with("rate.limit.send.per.second", "100000");

    @Test
    void everyAcknowledgedMessageEditAndDeletionSurvivesARestartWithDenseSeqs() throws Exception {
        Api api = NODE.api();
        Account owner = api.register("owner");
        List<Account> senders = new ArrayList<>(List.of(owner));
        String channelId = api.channel(owner, "durable", "private");
        Set<Long> memberSeqs = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Account m = api.register("s" + i);
            api.addMember(owner, channelId, m);
            memberSeqs.add(lastSeq(api, owner, channelId));
            senders.add(m);
        }
        List<List<JsonNode>> sent = Gw.concurrently(senders.size(), s -> {
            List<JsonNode> mine = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                mine.add(send(api, senders.get(s), channelId, "before restart " + s + "/" + i));
            }
            return mine;
        });
        Map<String, JsonNode> expected = new HashMap<>();
        sent.forEach(list -> list.forEach(m -> expected.put(m.path("id").asText(), m)));
        JsonNode toEdit = sent.get(1).get(0);
        JsonNode toDelete = sent.get(2).get(0);
        JsonNode edited = ok(api.patch(messages(channelId) + "/" + toEdit.path("id").asText(), senders.get(1).token(),
                obj("content", "edited before restart")), 200);
        assertThat(api.delete(messages(channelId) + "/" + toDelete.path("id").asText(), senders.get(2).token()).status())
                .isEqualTo(204);
        expected.put(edited.path("id").asText(), edited);
        long lastSeqBefore = lastSeq(api, owner, channelId);

        NODE.restart();
        Api after = NODE.api();

        assertThat(lastSeq(after, owner, channelId)).isEqualTo(lastSeqBefore);
        List<JsonNode> stored = Rest.allOldestFirst(after, owner, channelId, 100);
        Map<String, JsonNode> byId = new HashMap<>();
        stored.forEach(m -> byId.put(m.path("id").asText(), m));
        assertThat(byId.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, m) -> {
            if (id.equals(toDelete.path("id").asText())) {
                assertThat(byId.get(id).path("deleted").asBoolean()).isTrue();
                assertThat(byId.get(id).path("content").asText()).isEmpty();
            } else {
                assertThat(byId.get(id)).isEqualTo(m);
            }
        });
        // messages, member joins, one edit and one deletion: every seq from 1 to last_seq, once
        Set<Long> seqs = new TreeSet<>(memberSeqs);
        stored.forEach(m -> assertThat(seqs.add(m.path("seq").asLong())).isTrue());
        assertThat(seqs).hasSize((int) lastSeqBefore - 2);
        assertThat(seqs).isSubsetOf(LongStream.rangeClosed(1, lastSeqBefore).boxed().toList());

        // the log goes on from where it stopped, and old tokens still work
        JsonNode next = send(after, senders.get(3), channelId, "after restart");
        assertThat(next.path("seq").asLong()).isEqualTo(lastSeqBefore + 1);
        // a nonce sent before the restart is still remembered
        JsonNode withNonce = ok(after.post(messages(channelId), owner.token(), obj("content", "n", "nonce", "restart-n")), 201);
        NODE.restart();
        Reply repeat = NODE.api().post(messages(channelId), owner.token(), obj("content", "n", "nonce", "restart-n"));
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.json()).isEqualTo(withNonce);
        assertThat(lastSeq(NODE.api(), owner, channelId)).isEqualTo(lastSeqBefore + 2);
    }

    @Test
    void everyAcknowledgedMessageSurvivesAKillDashNineMidLoadWithDenseSeqs() throws Exception {
        Path dataDir = Files.createTempDirectory("parley-kill-");
        try {
            killMidLoadAndCheck(dataDir);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private void killMidLoadAndCheck(Path dataDir) throws Exception {
        int senderCount = 8;
        int acksBeforeKill = 400;
        Account owner;
        String channelId;
        Set<Long> memberSeqs = new HashSet<>();
        Map<String, JsonNode> acked = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

        try (NodeProcess first = NodeProcess.start(dataDir, Map.of())) {
            Api api = new Api(first.baseUrl());
            owner = api.register("owner");
            channelId = api.channel(owner, "crash test", "private");
            List<Account> senders = new ArrayList<>(List.of(owner));
            for (int i = 1; i < senderCount; i++) {
                Account m = api.register("k" + i);
                api.addMember(owner, channelId, m);
                memberSeqs.add(lastSeq(api, owner, channelId));
                senders.add(m);
            }

            CountDownLatch enough = new CountDownLatch(acksBeforeKill);
            List<Thread> threads = new ArrayList<>();
            String conversation = channelId;
            for (int s = 0; s < senderCount; s++) {
                Account sender = senders.get(s);
                int index = s;
                threads.add(Thread.ofPlatform().name("sender-" + s).start(() -> {
                    for (int i = 0; ; i++) {
                        Reply r;
                        try {
                            r = api.post(messages(conversation), sender.token(),
                                    obj("content", "load " + index + "/" + i, "nonce", index + "-" + i));
                        } catch (RuntimeException e) {
                            return; // the node is gone
                        }
                        if (r.status() != 201) {
                            unexpected.add(r.status() + " " + r.raw().body());
                            return;
                        }
                        acked.put(r.json().path("id").asText(), r.json());
                        enough.countDown();
                    }
                }));
            }
            assertThat(enough.await(180, TimeUnit.SECONDS)).as("%s acks before the kill", acksBeforeKill).isTrue();
            first.kill();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(t.isAlive()).isFalse();
            }
        }
        assertThat(unexpected).isEmpty();
        assertThat(acked.size()).isGreaterThanOrEqualTo(acksBeforeKill);

        try (NodeProcess second = NodeProcess.start(dataDir, Map.of())) {
            Api api = new Api(second.baseUrl());
            long lastSeq = lastSeq(api, owner, channelId);
            List<JsonNode> stored = Rest.allOldestFirst(api, owner, channelId, 100);
            Map<String, JsonNode> byId = new HashMap<>();
            stored.forEach(m -> byId.put(m.path("id").asText(), m));

            // every acknowledged message is there, as it was acknowledged
            assertThat(byId.keySet()).containsAll(acked.keySet());
            acked.forEach((id, m) -> assertThat(byId.get(id)).isEqualTo(m));
            // unacknowledged sends may or may not have made it, but nothing else did
            assertThat(stored.size() - acked.size()).isLessThanOrEqualTo(senderCount);
            // dense: the members' joins and the messages are exactly 1..last_seq
            Set<Long> seqs = new TreeSet<>(memberSeqs);
            stored.forEach(m -> assertThat(seqs.add(m.path("seq").asLong())).as("seq %s once", m.path("seq")).isTrue());
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, lastSeq).boxed().toList());

            // and the log carries on after the crash
            JsonNode next = send(api, owner, channelId, "after the crash");
            assertThat(next.path("seq").asLong()).isEqualTo(lastSeq + 1);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
