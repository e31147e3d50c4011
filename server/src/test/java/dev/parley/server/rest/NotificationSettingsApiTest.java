package dev.parley.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Gw;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Notification settings: defaults, setting them, and every device of the user hearing of it. */
class NotificationSettingsApiTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private final Api api = NODE.api();

    private JsonNode conversation(Api.Account viewer, String id) {
        return api.get("/api/v1/conversations/" + id, viewer.token()).json();
    }

    private Api.Reply put(Api.Account user, String conversation, Object body) {
        return api.call("PUT", "/api/v1/conversations/" + conversation + "/notifications", user.token(),
                Api.JSON.valueToTree(body).toString());
    }

    @Test
    void dmsAndSmallChannelsNotifyOfEverythingAndBigChannelsOfMentions() {
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String dm = api.post("/api/v1/dms", alice.token(), Api.obj("username", bob.username())).json().path("id").asText();
        String small = api.channel(alice, "small", "private");
        String big = api.channel(alice, "big", "public");
        for (int i = 0; i < 25; i++) {
            Api.Account member = api.register("m" + i);
            assertThat(api.post("/api/v1/channels/" + big + "/join", member.token(), null).status()).isEqualTo(200);
        }

        assertThat(conversation(alice, dm).path("notify").asText()).isEqualTo("all");
        assertThat(conversation(alice, small).path("notify").asText()).isEqualTo("all");
        assertThat(conversation(alice, big).path("member_count").asInt()).isEqualTo(26);
        assertThat(conversation(alice, big).path("notify").asText()).isEqualTo("mentions");
        assertThat(conversation(alice, big).path("muted_until").isNull()).isTrue();
    }

    @Test
    void settingsAreStoredAndEveryDeviceOfTheUserIsTold() {
        Api.Account alice = api.register("alice");
        Api.Account phone = Gw.login(api, alice, "phone");
        String room = api.channel(alice, "quiet", "private");
        String until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        try (Ws laptop = Ws.connect(NODE.baseUrl(), alice.token()); Ws handset = Ws.connect(NODE.baseUrl(), phone.token())) {
            assertThat(put(alice, room, Api.obj("notify", "none", "muted_until", until)).status()).isEqualTo(204);

            for (Ws ws : new Ws[] {laptop, handset}) {
                JsonNode frame = ws.next("NOTIFICATION_SETTINGS");
                assertThat(frame.path("d").path("conversation_id").asText()).isEqualTo(room);
                assertThat(frame.path("d").path("notify").asText()).isEqualTo("none");
                assertThat(Instant.parse(frame.path("d").path("muted_until").asText())).isEqualTo(Instant.parse(until));
                assertThat(frame.has("seq")).isFalse();
            }
        }
        JsonNode c = conversation(alice, room);
        assertThat(c.path("notify").asText()).isEqualTo("none");
        assertThat(Instant.parse(c.path("muted_until").asText())).isEqualTo(Instant.parse(until));

        assertThat(put(alice, room, Api.obj("notify", "mentions")).status()).isEqualTo(204);
        assertThat(conversation(alice, room).path("muted_until").isNull()).isTrue();
        assertThat(conversation(alice, room).path("notify").asText()).isEqualTo("mentions");
    }

    @Test
    void badSettingsAndStrangersAreRefused() {
        Api.Account alice = api.register("alice");
        Api.Account eve = api.register("eve");
        String room = api.channel(alice, "private room", "private");

        assertThat(put(alice, room, Api.obj("notify", "loud")).errorCode()).isEqualTo("invalid_request");
        assertThat(put(alice, room, Api.obj("muted_until", "tomorrow")).errorCode()).isEqualTo("invalid_request");
        assertThat(put(alice, room, Api.obj("notify", "all", "muted_until", "tomorrow")).errorCode()).isEqualTo("invalid_request");
        assertThat(put(eve, room, Api.obj("notify", "all")).status()).isEqualTo(404);
        assertThat(api.call("PUT", "/api/v1/conversations/" + room + "/notifications", null, "{}").status()).isEqualTo(401);
    }
}
