package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many senders at once into one channel: every listener sees one and the same dense sequence. */
class ConcurrentSendersTest {
    private static final int SENDERS = 20;
    private static final int LISTENERS = 10;
    private static final int PER_SENDER = 25;

    @RegisterExtension
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000").with("rate.limit.send.per.second", "1000");

    @Test
    void everyListenerSeesTheSameDenseSequence() throws Exception {
        Api api = NODE.api();
        Api.Account owner = api.register("owner");
        String channel = api.channel(owner, "busy", "public");
        List<Api.Account> senders = new ArrayList<>();
        List<Api.Account> listeners = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Api.Account s = api.register("s" + i);
            api.addMember(owner, channel, s);
            senders.add(s);
        }
        for (int i = 0; i < LISTENERS; i++) {
            Api.Account l = api.register("l" + i);
            api.addMember(owner, channel, l);
            listeners.add(l);
        }
        long base = Gw.lastSeq(api, owner, channel);
        int total = SENDERS * PER_SENDER;

        List<Ws> sockets = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Ws> listening = new ArrayList<>();
            for (Api.Account l : listeners) {
                listening.add(track(sockets, Ws.connect(NODE.baseUrl(), l.token())));
            }
            List<Ws> sending = new ArrayList<>();
            for (Api.Account s : senders) {
                sending.add(track(sockets, Ws.connect(NODE.baseUrl(), s.token())));
            }

            List<Future<List<JsonNode>>> acks = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                Ws ws = sending.get(i);
                int sender = i;
                acks.add(pool.submit(() -> {
                    List<String> nonces = new ArrayList<>();
                    for (int k = 0; k < PER_SENDER; k++) {
                        String nonce = "s" + sender + "-" + k;
                        nonces.add(nonce);
                        ws.send("SEND", Gw.sendFrame(channel, "from " + sender + " #" + k, nonce));
                    }
                    Gw.acks(ws, nonces);
                    return ws.drainAll();
                }));
            }
            Set<Long> ackedSeqs = new HashSet<>();
            List<List<JsonNode>> readBySenders = new ArrayList<>();
            for (Future<List<JsonNode>> f : acks) {
                List<JsonNode> frames = new ArrayList<>(f.get(60, TimeUnit.SECONDS));
                readBySenders.add(frames);
                frames.stream().filter(Gw.op("SEND_ACK")).forEach(ack -> ackedSeqs.add(ack.path("d").path("message").path("seq").asLong()));
            }
            assertThat(ackedSeqs).as("acked seqs").hasSize(total).containsExactlyInAnyOrderElementsOf(Gw.range(base + 1, base + total));

            // Then one more, as a marker: nothing after the burst may repeat or arrive late.
            String marker = Gw.post(api, owner, channel, "marker").path("id").asText();
            List<Long> expected = Gw.range(base + 1, base + total + 1);
            List<List<Long>> orders = new ArrayList<>();
            List<JsonNode> firstListener = null;
            for (Ws ws : listening) {
                List<JsonNode> frames = Gw.until(ws, Gw.messageCreate(marker), "the marker");
                firstListener = firstListener == null ? frames : firstListener;
                List<Long> seqs = Gw.seqs(Gw.logOf(frames, channel));
                assertThat(seqs).as("seqs at a listener").isEqualTo(expected);
                orders.add(seqs);
            }
            // and so did the senders' own sockets
            for (int i = 0; i < SENDERS; i++) {
                List<JsonNode> frames = readBySenders.get(i);
                frames.addAll(Gw.until(sending.get(i), Gw.messageCreate(marker), "the marker"));
                assertThat(Gw.seqs(Gw.logOf(frames, channel))).as("seqs at a sender").isEqualTo(expected);
            }
            assertThat(orders).allMatch(o -> o.equals(orders.get(0)));

            // and each socket's pipelined SENDs kept the order they were written in
            Map<String, Integer> lastIndex = new HashMap<>();
            Set<String> reordered = new HashSet<>();
            for (JsonNode f : Gw.logOf(firstListener, channel)) {
                String nonce = f.path("d").path("message").path("nonce").asText();
                if (nonce.startsWith("s")) {
                    String sender = nonce.substring(0, nonce.indexOf('-'));
                    int k = Integer.parseInt(nonce.substring(nonce.indexOf('-') + 1));
                    if (k < lastIndex.getOrDefault(sender, -1)) {
                        reordered.add(sender);
                    }
                    lastIndex.merge(sender, k, Math::max);
                }
            }
            assertThat(reordered).as("senders whose pipelined SENDs were stored out of order").isEmpty();
        } finally {
            pool.shutdownNow();
            sockets.forEach(Ws::close);
        }
    }

    @Test
    void oneSocketsPipelinedSendsAreStoredInTheOrderSent() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        String channel = api.channel(alice, "typing-fast", "private");
        try (Ws ws = Ws.connect(NODE.baseUrl(), alice.token())) {
            List<String> nonces = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                String nonce = "n" + i;
                nonces.add(nonce);
                ws.send("SEND", Gw.sendFrame(channel, "line " + i, nonce));
            }
            Map<String, JsonNode> acks = Gw.acks(ws, nonces);
            List<Long> seqs = nonces.stream().map(n -> acks.get(n).path("d").path("message").path("seq").asLong()).toList();
            assertThat(seqs).as("seqs in the order the SENDs were written").isSorted();
        }
    }

    /** On SQLite a plain SEND is handed to the log on the event loop and one naming people on a worker (Inbound). */
    @Test
    void oneSocketsPipelinedSendsKeepTheirOrderWhenSomeNamePeopleAndOthersDoNot() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String channel = api.channel(alice, "mixed", "private");
        api.addMember(alice, channel, bob);
        try (Ws ws = Ws.connect(NODE.baseUrl(), alice.token())) {
            List<String> nonces = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                String nonce = "m" + i;
                nonces.add(nonce);
                ws.send("SEND", Gw.sendFrame(channel, i % 3 == 0 ? "@" + bob.username() + " line " + i : "line " + i, nonce));
            }
            Map<String, JsonNode> acks = Gw.acks(ws, nonces);
            List<Long> seqs = nonces.stream().map(n -> acks.get(n).path("d").path("message").path("seq").asLong()).toList();
            assertThat(seqs).as("seqs in the order the SENDs were written").isSorted().doesNotHaveDuplicates();
            assertThat(acks.get("m3").path("d").path("message").path("mentions").toString()).contains(bob.id());
        }
    }

    private static Ws track(List<Ws> all, Ws ws) {
        all.add(ws);
        return ws;
    }
}
