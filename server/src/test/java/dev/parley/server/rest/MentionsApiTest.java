package dev.parley.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Gw;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mentions over REST and the gateway: what is parsed, who may mention everyone, unread mention counts, edits. */
class MentionsApiTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private final Api api = NODE.api();

    private JsonNode conversation(Api.Account viewer, String id) {
        return api.get("/api/v1/conversations/" + id, viewer.token()).json();
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void usernamesOfMembersAreMentionsEverywhereTheMessageIsRead() {
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account carol = api.register("carol");
        Api.Account stranger = api.register("dave");
        String room = api.channel(alice, "team", "private");
        api.addMember(alice, room, bob);
        api.addMember(alice, room, carol);
        String content = "hi @" + bob.username().toUpperCase() + ", @" + carol.username() + ". and @" + stranger.username()
                + " — mail " + bob.username() + "@example.org, code `@" + carol.username() + "` and @nobody_here";
        try (Ws bobs = Ws.connect(NODE.baseUrl(), bob.token())) {
            JsonNode sent = api.send(alice, room, content).json();

            assertThat(ids(sent.path("mentions"))).containsExactly(bob.id(), carol.id());
            assertThat(sent.path("mentions_here").asBoolean()).isFalse();
            assertThat(sent.path("mentions_channel").asBoolean()).isFalse();
            JsonNode live = bobs.next("MESSAGE_CREATE").path("d").path("message");
            assertThat(ids(live.path("mentions"))).containsExactly(bob.id(), carol.id());
        }
        JsonNode history = api.get("/api/v1/conversations/" + room + "/messages", bob.token()).json();
        assertThat(ids(history.path("messages").get(0).path("mentions"))).containsExactly(bob.id(), carol.id());
        JsonNode events = api.get("/api/v1/conversations/" + room + "/events", bob.token()).json().path("events");
        JsonNode created = events.get(events.size() - 1);
        assertThat(ids(created.path("d").path("message").path("mentions"))).containsExactly(bob.id(), carol.id());
        assertThat(conversation(bob, room).path("last_message").path("mentions")).hasSize(2);
    }

    @Test
    void mentionCountCountsUnreadMessagesThatMentionTheReader() {
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account carol = api.register("carol");
        String room = api.channel(alice, "counts", "private");
        api.addMember(alice, room, bob);
        api.addMember(alice, room, carol);

        api.send(alice, room, "plain");
        api.send(alice, room, "@" + bob.username() + " look");
        long last = api.send(alice, room, "@channel everyone look").json().path("seq").asLong();
        api.send(bob, room, "@" + bob.username() + " talking to myself");

        assertThat(conversation(bob, room).path("unread_count").asLong()).isEqualTo(3);
        assertThat(conversation(bob, room).path("mention_count").asLong()).isEqualTo(2);
        assertThat(conversation(carol, room).path("mention_count").asLong()).isEqualTo(1);
        assertThat(conversation(alice, room).path("mention_count").asLong()).isZero();
        JsonNode listed = api.get("/api/v1/conversations", bob.token()).json().path("conversations").get(0);
        assertThat(listed.path("mention_count").asLong()).isEqualTo(2);

        assertThat(api.post("/api/v1/conversations/" + room + "/read", bob.token(), Api.obj("seq", last)).status()).isEqualTo(204);
        assertThat(conversation(bob, room).path("mention_count").asLong()).isZero();
    }

    @Test
    void onlyTheOwnerMentionsEveryoneUnlessTheChannelLetsMembers() {
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String room = api.channel(alice, "loud", "private");
        api.addMember(alice, room, bob);

        JsonNode byMember = api.send(bob, room, "@here @channel listen").json();
        assertThat(byMember.path("mentions_here").asBoolean()).isFalse();
        assertThat(byMember.path("mentions_channel").asBoolean()).isFalse();
        assertThat(api.send(alice, room, "@here listen").json().path("mentions_here").asBoolean()).isTrue();
        assertThat(conversation(bob, room).path("members_may_mention_all").asBoolean()).isFalse();

        assertThat(api.patch("/api/v1/channels/" + room, bob.token(), Api.obj("members_may_mention_all", true)).status())
                .isEqualTo(403);
        try (Ws bobs = Ws.connect(NODE.baseUrl(), bob.token())) {
            JsonNode changed = api.patch("/api/v1/channels/" + room, alice.token(), Api.obj("members_may_mention_all", true)).json();
            assertThat(changed.path("members_may_mention_all").asBoolean()).isTrue();
            JsonNode update = bobs.next("CONVERSATION_UPDATE");
            assertThat(update.path("d").path("conversation").path("members_may_mention_all").asBoolean()).isTrue();
        }
        JsonNode now = api.send(bob, room, "@here @channel listen").json();
        assertThat(now.path("mentions_here").asBoolean()).isTrue();
        assertThat(now.path("mentions_channel").asBoolean()).isTrue();
        assertThat(api.patch("/api/v1/channels/" + room, alice.token(), Api.obj("members_may_mention_all", "yes")).errorCode())
                .isEqualTo("invalid_request");

        String dm = api.post("/api/v1/dms", alice.token(), Api.obj("username", bob.username())).json().path("id").asText();
        JsonNode inDm = api.send(alice, dm, "@here @" + bob.username()).json();
        assertThat(inDm.path("mentions_here").asBoolean()).as("@here means nothing in a DM").isFalse();
        assertThat(ids(inDm.path("mentions"))).containsExactly(bob.id());
    }

    @Test
    void anEditResolvesMentionsAgain() {
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account carol = api.register("carol");
        String room = api.channel(alice, "edits", "private");
        api.addMember(alice, room, bob);
        api.addMember(alice, room, carol);
        String id = api.send(alice, room, "@" + bob.username()).json().path("id").asText();

        try (Ws carols = Ws.connect(NODE.baseUrl(), carol.token())) {
            JsonNode edited = api.patch("/api/v1/conversations/" + room + "/messages/" + id, alice.token(),
                    Api.obj("content", "sorry, @" + carol.username())).json();
            assertThat(ids(edited.path("mentions"))).containsExactly(carol.id());
            assertThat(ids(carols.next("MESSAGE_UPDATE").path("d").path("message").path("mentions"))).containsExactly(carol.id());
        }
        assertThat(conversation(bob, room).path("mention_count").asLong()).isZero();
        assertThat(conversation(carol, room).path("mention_count").asLong()).isEqualTo(1);
    }

    @Test
    void aSendOverTheGatewayCarriesItsMentionsInTheAck() {
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String dm = api.post("/api/v1/dms", alice.token(), Api.obj("username", bob.username())).json().path("id").asText();
        try (Ws alices = Ws.connect(NODE.baseUrl(), alice.token())) {
            String nonce = Gw.nonce();
            alices.send("SEND", Gw.sendFrame(dm, "ping @" + bob.username(), nonce));
            JsonNode ack = alices.next("SEND_ACK");
            assertThat(ids(ack.path("d").path("message").path("mentions"))).containsExactly(bob.id());
        }
    }
}
