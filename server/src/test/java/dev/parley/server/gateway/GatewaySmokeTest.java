package dev.parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GatewaySmokeTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    @Test
    void aRestSendReachesEveryMembersSocketWithItsSeq() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String channel = api.channel(alice, "general", "private");
        api.addMember(alice, channel, bob);
        try (Ws a = Ws.connect(NODE.baseUrl(), alice.token()); Ws b = Ws.connect(NODE.baseUrl(), bob.token())) {
            JsonNode sent = api.send(alice, channel, "hello").json();
            JsonNode atBob = b.next("MESSAGE_CREATE");
            JsonNode atAlice = a.next("MESSAGE_CREATE");
            assertThat(atBob.path("d").path("message")).isEqualTo(sent);
            assertThat(atAlice.path("d").path("message")).isEqualTo(sent);
            assertThat(atBob.path("conversation_id").asText()).isEqualTo(channel);
            assertThat(atBob.path("seq").asLong()).isEqualTo(sent.path("seq").asLong());
        }
    }
}
