package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Typing indicators to the other members, read markers to the reader's other devices, and unread counts. */
class TypingAndReadTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000").with("rate.limit.send.per.second", "1000");

    @Test
    void typingReachesTheOtherMembersButNotTheTypist() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account alice2 = Gw.login(api, alice, "phone");
        String channel = api.channel(alice, "chat", "private");
        api.addMember(alice, channel, bob);
        try (Ws a1 = Ws.connect(NODE.baseUrl(), alice.token()); Ws a2 = Ws.connect(NODE.baseUrl(), alice2.token());
             Ws b = Ws.connect(NODE.baseUrl(), bob.token())) {
            b.send("TYPING", Api.obj("conversation_id", channel));
            for (Ws ws : List.of(a1, a2)) {
                JsonNode typing = ws.next("TYPING_START");
                assertThat(typing.path("d").path("conversation_id").asText()).isEqualTo(channel);
                assertThat(typing.path("d").path("user_id").asText()).isEqualTo(bob.id());
                assertThat(typing.has("seq")).as("typing is ephemeral").isFalse();
            }
            String marker = Gw.post(api, alice, channel, "marker").path("id").asText();
            assertThat(Gw.until(b, Gw.messageCreate(marker), "the marker")).noneMatch(Gw.op("TYPING_START"));
            // and typing where one is not a member is refused
            Api.Account eve = api.register("eve");
            try (Ws e = Ws.connect(NODE.baseUrl(), eve.token())) {
                e.send("TYPING", Api.obj("conversation_id", channel));
                assertThat(e.next("ERROR").path("d").path("error").path("code").asText()).isEqualTo("not_found");
            }
        }
    }

    @Test
    void readMarkersSyncToTheUsersOtherDevicesAndDriveUnreadCounts() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account alice2 = Gw.login(api, alice, "phone");
        Api.Account alice3 = Gw.login(api, alice, "script");
        String channel = api.channel(bob, "news", "private");
        api.addMember(bob, channel, alice);
        try (Ws a1 = Ws.connect(NODE.baseUrl(), alice.token()); Ws a2 = Ws.connect(NODE.baseUrl(), alice2.token())) {
            long s1 = Gw.post(api, bob, channel, "one").path("seq").asLong();
            long s2 = Gw.post(api, bob, channel, "two").path("seq").asLong();
            long s3 = Gw.post(api, bob, channel, "three").path("seq").asLong();
            assertThat(unread(api, alice, channel)).isEqualTo(3);

            // READ over device 1: device 2 is told, device 1 is not
            a1.send("READ", Api.obj("conversation_id", channel, "seq", s2));
            JsonNode state = a2.next("READ_STATE");
            assertThat(state.path("d").path("conversation_id").asText()).isEqualTo(channel);
            assertThat(state.path("d").path("last_read_seq").asLong()).isEqualTo(s2);
            assertThat(state.has("seq")).isFalse();
            assertThat(unread(api, alice, channel)).isEqualTo(1);
            String marker = Gw.post(api, bob, channel, "four").path("id").asText();
            assertThat(Gw.until(a1, Gw.messageCreate(marker), "the marker")).noneMatch(Gw.op("READ_STATE"));
            assertThat(unread(api, alice, channel)).isEqualTo(2);

            // a marker moved back is no change: nobody is told
            a2.send("READ", Api.obj("conversation_id", channel, "seq", s1));
            String marker2 = Gw.post(api, bob, channel, "five").path("id").asText();
            assertThat(Gw.until(a1, Gw.messageCreate(marker2), "the second marker")).noneMatch(Gw.op("READ_STATE"));
            assertThat(unread(api, alice, channel)).isEqualTo(3);

            // REST /read from a third session: both sockets are told
            long last = Gw.lastSeq(api, alice, channel);
            assertThat(api.post("/api/v1/conversations/" + channel + "/read", alice3.token(), Api.obj("seq", last)).status()).isEqualTo(204);
            for (Ws ws : List.of(a1, a2)) {
                JsonNode s = ws.next("READ_STATE");
                assertThat(s.path("d").path("last_read_seq").asLong()).isEqualTo(last);
            }
            assertThat(unread(api, alice, channel)).isZero();
            JsonNode conversation = conversation(api, alice, channel);
            assertThat(conversation.path("last_read_seq").asLong()).isEqualTo(last);
            assertThat(s3).isLessThan(last);

            // alice's own messages never count as unread
            Gw.post(api, alice, channel, "mine");
            assertThat(unread(api, alice, channel)).isZero();
        }
    }

    private static JsonNode conversation(Api api, Api.Account viewer, String id) {
        for (JsonNode c : api.get("/api/v1/conversations", viewer.token()).json().path("conversations")) {
            if (id.equals(c.path("id").asText())) {
                return c;
            }
        }
        throw new AssertionError("conversation " + id + " not listed");
    }

    private static long unread(Api api, Api.Account viewer, String id) {
        return conversation(api, viewer, id).path("unread_count").asLong();
    }
}
