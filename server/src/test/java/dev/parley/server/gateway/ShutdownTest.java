package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A graceful stop tells every client to RECONNECT, closes with 1001, and loses nothing that was acknowledged. */
class ShutdownTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    @Test
    void stoppingSendsReconnectThenClosesWith1001AndKeepsAcknowledgedMessages() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String channel = api.channel(alice, "durable", "private");
        api.addMember(alice, channel, bob);
        Ws a = Ws.connect(NODE.baseUrl(), alice.token());
        Ws b = Ws.connect(NODE.baseUrl(), bob.token());
        Ws unidentified = Ws.open(NODE.baseUrl());

        String nonce = Gw.nonce();
        a.send("SEND", Gw.sendFrame(channel, "acknowledged just before the stop", nonce));
        List<JsonNode> atAlice = new ArrayList<>();
        JsonNode acked = Gw.ack(a, nonce, atAlice).path("d").path("message");

        // and a few more under way as the stop begins: whatever is acknowledged must survive
        List<String> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String n = Gw.nonce();
            inFlight.add(n);
            a.send("SEND", Gw.sendFrame(channel, "in flight " + i, n));
        }

        NODE.stop();
        List<JsonNode> acks = new ArrayList<>();
        for (Ws ws : List.of(a, b, unidentified)) {
            assertThat(ws.awaitClose()).isEqualTo(1001);
            List<JsonNode> frames = ws.drainAll();
            List<String> ops = frames.stream().map(f -> f.path("op").asText()).toList();
            assertThat(ops).contains("RECONNECT");
            assertThat(frames.get(ops.lastIndexOf("RECONNECT")).path("d").isObject()).isTrue();
            if (ws == a) {
                // a send under way finishes (its answer may follow RECONNECT); one that comes too late is refused
                frames.stream().filter(Gw.op("SEND_ACK")).filter(f -> inFlight.contains(f.path("d").path("nonce").asText()))
                        .forEach(acks::add);
                frames.stream().filter(Gw.op("ERROR")).forEach(e ->
                        assertThat(e.path("d").path("error").path("code").asText()).isEqualTo("unavailable"));
            } else {
                // after RECONNECT only the fan-out of alice's sends (still being dispatched, or under way) may follow
                assertThat(frames.subList(ops.indexOf("RECONNECT") + 1, frames.size())).as("after RECONNECT")
                        .allMatch(f -> "MESSAGE_CREATE".equals(f.path("op").asText())
                                && alice.id().equals(f.path("d").path("message").path("author_id").asText()));
            }
        }

        NODE.start();
        Api after = NODE.api();
        long seq = acked.path("seq").asLong();
        JsonNode history = after.get("/api/v1/conversations/" + channel + "/messages?after_seq=" + (seq - 1) + "&limit=100",
                bob.token()).json();
        List<String> stored = new ArrayList<>();
        history.path("messages").forEach(m -> stored.add(m.path("id").asText()));
        assertThat(stored).as("stored after the restart").contains(acked.path("id").asText());
        for (JsonNode ack : acks) {
            assertThat(stored).as("acknowledged in-flight message").contains(ack.path("d").path("message").path("id").asText());
        }
        assertThat(history.path("messages").get(0).path("content").asText()).isEqualTo("acknowledged just before the stop");

        // the clients come back (to the new address) and catch up from their cursors
        Ws again = Ws.open(NODE.baseUrl());
        List<JsonNode> handshake = Gw.identify(again, bob.token(), Gw.cursors(java.util.Map.of(channel, seq)));
        assertThat(Gw.logOf(handshake, channel)).hasSize(acks.size());
        assertThat(Gw.inReady(handshake, channel).path("last_seq").asLong()).isEqualTo(seq + acks.size());
        again.close();
        System.out.println("in-flight sends acknowledged during the drain: " + acks.size() + " of " + inFlight.size());
    }
}
