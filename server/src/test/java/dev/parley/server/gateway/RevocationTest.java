package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A revoked session (over REST, or by logging out) loses its sockets at once, and only that session does. */
class RevocationTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    @Test
    void revokingASessionClosesThatDevicesSocketWith4001AndNoOther() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account phone = Gw.login(api, alice, "phone");
        Api.Account tablet = Gw.login(api, alice, "tablet");
        String channel = api.channel(alice, "mine", "private");
        try (Ws desk = Ws.connect(NODE.baseUrl(), alice.token()); Ws p = Ws.connect(NODE.baseUrl(), phone.token());
             Ws p2 = Ws.connect(NODE.baseUrl(), phone.token()); Ws t = Ws.connect(NODE.baseUrl(), tablet.token())) {
            assertThat(api.delete("/api/v1/auth/sessions/" + phone.sessionId(), alice.token()).status()).isEqualTo(204);
            assertThat(p.awaitClose()).isEqualTo(4001);
            assertThat(p2.awaitClose()).as("the phone's second socket").isEqualTo(4001);

            String id = Gw.post(api, alice, channel, "who is still here?").path("id").asText();
            for (Ws ws : List.of(desk, t)) {
                ws.next(Gw.messageCreate(id), "the message after the revocation");
                assertThat(ws.isClosed()).isFalse();
            }
            // the revoked token cannot come back
            Ws again = Ws.open(NODE.baseUrl());
            again.send("IDENTIFY", Api.obj("token", phone.token()));
            assertThat(again.awaitClose()).isEqualTo(4001);
            assertThat(api.get("/api/v1/users/me", phone.token()).status()).isEqualTo(401);

            // logging out closes that session's socket the same way
            assertThat(api.post("/api/v1/auth/logout", tablet.token(), null).status()).isEqualTo(204);
            assertThat(t.awaitClose()).isEqualTo(4001);
            String id2 = Gw.post(api, alice, channel, "just me now").path("id").asText();
            desk.next(Gw.messageCreate(id2), "the message after the logout");
            assertThat(desk.isClosed()).isFalse();
        }
    }

    @Test
    void anotherUsersRevocationDoesNotTouchMySockets() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account bob2 = Gw.login(api, bob, "phone");
        String channel = api.channel(alice, "shared", "private");
        api.addMember(alice, channel, bob);
        try (Ws a = Ws.connect(NODE.baseUrl(), alice.token()); Ws b = Ws.connect(NODE.baseUrl(), bob.token());
             Ws b2 = Ws.connect(NODE.baseUrl(), bob2.token())) {
            // alice cannot revoke bob's session: it is not hers
            assertThat(api.delete("/api/v1/auth/sessions/" + bob2.sessionId(), alice.token()).status()).isEqualTo(404);
            assertThat(api.delete("/api/v1/auth/sessions/" + bob2.sessionId(), bob.token()).status()).isEqualTo(204);
            assertThat(b2.awaitClose()).isEqualTo(4001);
            String id = Gw.post(api, alice, channel, "still on?").path("id").asText();
            a.next(Gw.messageCreate(id), "the message at alice");
            b.next(Gw.messageCreate(id), "the message at bob's other device");
        }
    }
}
