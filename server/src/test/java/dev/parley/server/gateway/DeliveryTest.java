package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Live delivery to every device of every member: messages sent over WS and REST, edits and deletions. */
class DeliveryTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000").with("rate.limit.send.per.second", "1000");

    @Test
    void everyDeviceOfEveryMemberSeesEachEventOnceInSeqOrder() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account alice2 = Gw.login(api, alice, "phone");
        Api.Account bob2 = Gw.login(api, bob, "phone");
        String channel = api.channel(alice, "general", "private");
        api.addMember(alice, channel, bob);
        long base = Gw.lastSeq(api, alice, channel);

        try (Ws a1 = Ws.connect(NODE.baseUrl(), alice.token()); Ws a2 = Ws.connect(NODE.baseUrl(), alice2.token());
             Ws b1 = Ws.connect(NODE.baseUrl(), bob.token()); Ws b2 = Ws.connect(NODE.baseUrl(), bob2.token())) {
            List<Ws> devices = List.of(a1, a2, b1, b2);
            Map<Ws, List<JsonNode>> got = new IdentityHashMap<>();
            devices.forEach(d -> got.put(d, new ArrayList<>()));
            List<String> ids = new ArrayList<>();
            List<String> contents = new ArrayList<>();

            // WS SEND from alice's first device and bob's second, REST from both users, interleaved.
            for (int i = 0; i < 5; i++) {
                String n1 = Gw.nonce();
                a1.send("SEND", Gw.sendFrame(channel, "ws-alice-" + i, n1));
                JsonNode ack = Gw.ack(a1, n1, got.get(a1));
                assertThat(ack.path("d").path("message").path("content").asText()).isEqualTo("ws-alice-" + i);
                ids.add(ack.path("d").path("message").path("id").asText());
                contents.add("ws-alice-" + i);

                ids.add(Gw.post(api, bob, channel, "rest-bob-" + i).path("id").asText());
                contents.add("rest-bob-" + i);

                String n2 = Gw.nonce();
                b2.send("SEND", Gw.sendFrame(channel, "ws-bob-" + i, n2));
                JsonNode ack2 = Gw.ack(b2, n2, got.get(b2));
                ids.add(ack2.path("d").path("message").path("id").asText());
                contents.add("ws-bob-" + i);

                ids.add(Gw.post(api, alice2, channel, "rest-alice-" + i).path("id").asText());
                contents.add("rest-alice-" + i);
            }

            // An edit by bob and a deletion by alice reach everyone too.
            String edited = ids.get(1);
            Api.Reply patch = api.patch("/api/v1/conversations/" + channel + "/messages/" + edited, bob.token(), Api.obj("content", "edited!"));
            assertThat(patch.status()).isEqualTo(200);
            String deleted = ids.get(0);
            assertThat(api.delete("/api/v1/conversations/" + channel + "/messages/" + deleted, alice.token()).status()).isEqualTo(204);
            String marker = Gw.post(api, bob, channel, "the end").path("id").asText();

            for (Ws device : devices) {
                List<JsonNode> frames = got.get(device);
                frames.addAll(Gw.until(device, Gw.messageCreate(marker), "the marker message"));
                List<JsonNode> log = Gw.logOf(frames, channel);
                // 20 messages, one edit, one deletion, the marker: seqs dense and in order, each once
                assertThat(Gw.seqs(log)).as("seqs at a device").isEqualTo(Gw.range(base + 1, base + 23));
                List<JsonNode> created = log.stream().filter(Gw.op("MESSAGE_CREATE")).toList();
                assertThat(created).hasSize(21);
                assertThat(created.subList(0, 20).stream().map(f -> f.path("d").path("message").path("id").asText()).toList())
                        .isEqualTo(ids);
                assertThat(created.subList(0, 20).stream().map(f -> f.path("d").path("message").path("content").asText()).toList())
                        .isEqualTo(contents);
                for (JsonNode c : created) {
                    assertThat(c.path("seq").asLong()).isEqualTo(c.path("d").path("message").path("seq").asLong());
                }
                JsonNode update = log.get(20);
                assertThat(update.path("op").asText()).isEqualTo("MESSAGE_UPDATE");
                assertThat(update.path("d").path("message").path("id").asText()).isEqualTo(edited);
                assertThat(update.path("d").path("message").path("content").asText()).isEqualTo("edited!");
                assertThat(update.path("d").path("message").path("edited_at").isNull()).isFalse();
                JsonNode delete = log.get(21);
                assertThat(delete.path("op").asText()).isEqualTo("MESSAGE_DELETE");
                assertThat(delete.path("d").path("message_id").asText()).isEqualTo(deleted);
                assertThat(delete.path("d").path("conversation_id").asText()).isEqualTo(channel);
                assertThat(delete.path("d").path("seq").asLong()).isEqualTo(delete.path("seq").asLong());
                assertThat(frames).noneMatch(Gw.op("ERROR"));
            }

            // The gateway's figures after this traffic.
            String scrape = Gw.metrics(NODE);
            assertThat(scrape).contains("parley_gateway_connections").contains("parley_gateway_delivery_latency");
            assertThat(Gw.metric(scrape, "parley_gateway_connections")).isGreaterThanOrEqualTo(4);
            assertThat(Gw.metric(scrape, "parley_gateway_delivery_latency_seconds_count")).isGreaterThanOrEqualTo(4 * 23);
        }
    }

    @Test
    void dmMessagesReachBothUsersDevicesAndTheConversationAppearsLive() {
        Api api = NODE.api();
        Api.Account carol = api.register("carol");
        Api.Account dave = api.register("dave");
        Api.Account dave2 = Gw.login(api, dave, "laptop");
        try (Ws c = Ws.connect(NODE.baseUrl(), carol.token()); Ws d1 = Ws.connect(NODE.baseUrl(), dave.token());
             Ws d2 = Ws.connect(NODE.baseUrl(), dave2.token())) {
            Api.Reply dm = api.post("/api/v1/dms", carol.token(), Api.obj("username", dave.username()));
            assertThat(dm.status()).isIn(200, 201);
            String dmId = dm.json().path("id").asText();
            for (Ws ws : List.of(c, d1, d2)) {
                JsonNode created = ws.next("CONVERSATION_CREATE");
                assertThat(created.path("d").path("conversation").path("id").asText()).isEqualTo(dmId);
                assertThat(created.path("d").path("conversation").path("kind").asText()).isEqualTo("dm");
                assertThat(created.has("seq")).as("a new DM is not a log event").isFalse();
            }
            String nonce = Gw.nonce();
            d1.send("SEND", Gw.sendFrame(dmId, "hi carol", nonce));
            List<JsonNode> atD1 = new ArrayList<>();
            JsonNode ack = Gw.ack(d1, nonce, atD1);
            String id = ack.path("d").path("message").path("id").asText();
            for (Ws ws : List.of(c, d1, d2)) {
                JsonNode m = ws == d1 && atD1.stream().anyMatch(Gw.messageCreate(id))
                        ? atD1.stream().filter(Gw.messageCreate(id)).findFirst().orElseThrow()
                        : ws.next(Gw.messageCreate(id), "the DM message");
                assertThat(m.path("conversation_id").asText()).isEqualTo(dmId);
                assertThat(m.path("d").path("message").path("nonce").asText()).isEqualTo(nonce);
                assertThat(m.path("d").path("message").path("author_id").asText()).isEqualTo(dave.id());
            }
        }
    }
}
