package dev.parley.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** History around a message (for jumping to a reply's original or a message link) and with its membership events. */
class HistoryAroundTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000");

    private final Api api = NODE.api();

    private static List<Long> seqs(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.path("messages").forEach(m -> out.add(m.path("seq").asLong()));
        return out;
    }

    @Test
    void aPageAroundASeqHoldsItWithNeighboursOldestFirstAndSaysWhatLiesBeyond() {
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String room = api.channel(alice, "long", "private");
        List<JsonNode> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i == 15) {
                api.addMember(alice, room, bob);
            }
            sent.add(api.send(alice, room, "line " + i).json());
        }
        long target = sent.get(15).path("seq").asLong();
        String path = "/api/v1/conversations/" + room + "/messages?limit=10&with_events=true&around_seq=" + target;

        JsonNode page = api.get(path, alice.token()).json();

        assertThat(seqs(page)).hasSize(10).contains(target).isSorted();
        assertThat(page.path("has_more_before").asBoolean()).isTrue();
        assertThat(page.path("has_more_after").asBoolean()).isTrue();
        assertThat(page.path("events")).anySatisfy(e -> {
            assertThat(e.path("op").asText()).isEqualTo("MEMBER_ADD");
            assertThat(e.path("d").path("user").path("id").asText()).isEqualTo(bob.id());
        });

        JsonNode byId = api.get("/api/v1/conversations/" + room + "/messages?limit=10&around_id=" + sent.get(2).path("id").asText(),
                alice.token()).json();
        assertThat(seqs(byId)).contains(sent.get(2).path("seq").asLong()).isSorted();
        assertThat(byId.path("has_more_before").asBoolean()).isFalse();
        assertThat(byId.has("events")).isFalse();

        JsonNode latest = api.get("/api/v1/conversations/" + room + "/messages?with_events=true", alice.token()).json();
        assertThat(latest.path("events")).hasSize(1);
        assertThat(api.get("/api/v1/conversations/" + room + "/messages?around_id=1", alice.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + room + "/messages?around_seq=3&before_seq=9", alice.token()).errorCode())
                .isEqualTo("invalid_request");
    }
}
