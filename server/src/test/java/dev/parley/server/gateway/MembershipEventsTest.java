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

/** Membership and channel changes reach the sockets live, as log events with their seq. */
class MembershipEventsTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000").with("rate.limit.send.per.second", "1000");

    @Test
    void anAddedMemberGetsTheConversationThenItsMessagesAndAnotherMemberSeesMemberAdd() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account carol = api.register("carol");
        String channel = api.channel(alice, "team", "private");
        api.addMember(alice, channel, carol);
        try (Ws b = Ws.connect(NODE.baseUrl(), bob.token()); Ws c = Ws.connect(NODE.baseUrl(), carol.token())) {
            long before = Gw.lastSeq(api, alice, channel);
            api.addMember(alice, channel, bob);
            JsonNode created = b.next("CONVERSATION_CREATE");
            assertThat(created.path("conversation_id").asText()).isEqualTo(channel);
            assertThat(created.path("seq").asLong()).isEqualTo(before + 1);
            assertThat(created.path("d").path("conversation").path("id").asText()).isEqualTo(channel);
            assertThat(created.path("d").path("conversation").path("member_count").asInt()).isEqualTo(3);

            JsonNode added = c.next("MEMBER_ADD");
            assertThat(added.path("seq").asLong()).isEqualTo(before + 1);
            assertThat(added.path("d").path("conversation_id").asText()).isEqualTo(channel);
            assertThat(added.path("d").path("user").path("id").asText()).isEqualTo(bob.id());

            String id = Gw.post(api, alice, channel, "welcome bob").path("id").asText();
            assertThat(b.next(Gw.messageCreate(id), "the first message after joining").path("seq").asLong()).isEqualTo(before + 2);
            // bob can send there at once, over his socket
            String nonce = Gw.nonce();
            b.send("SEND", Gw.sendFrame(channel, "thanks", nonce));
            JsonNode ack = Gw.ack(b, nonce, new java.util.ArrayList<>());
            assertThat(ack.path("d").path("message").path("seq").asLong()).isEqualTo(before + 3);
        }
    }

    @Test
    void aRemovedMemberGetsConversationDeleteAndNothingMoreOfThatChannel() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account carol = api.register("carol");
        String channel = api.channel(alice, "team", "private");
        api.addMember(alice, channel, bob);
        api.addMember(alice, channel, carol);
        String dm = api.post("/api/v1/dms", alice.token(), Api.obj("username", bob.username())).json().path("id").asText();
        try (Ws b = Ws.connect(NODE.baseUrl(), bob.token()); Ws c = Ws.connect(NODE.baseUrl(), carol.token())) {
            long before = Gw.lastSeq(api, alice, channel);
            assertThat(api.delete("/api/v1/channels/" + channel + "/members/" + bob.id(), alice.token()).status()).isEqualTo(204);
            JsonNode gone = b.next("CONVERSATION_DELETE");
            assertThat(gone.path("conversation_id").asText()).isEqualTo(channel);
            assertThat(gone.path("d").path("conversation_id").asText()).isEqualTo(channel);
            assertThat(gone.path("seq").asLong()).isEqualTo(before + 1);
            JsonNode removed = c.next("MEMBER_REMOVE");
            assertThat(removed.path("seq").asLong()).isEqualTo(before + 1);
            assertThat(removed.path("d").path("user").path("id").asText()).isEqualTo(bob.id());

            // Later traffic in the channel must not reach bob: a DM message sent after it is the marker.
            String inChannel = Gw.post(api, alice, channel, "bob cannot see this").path("id").asText();
            Gw.post(api, carol, channel, "nor this");
            String marker = Gw.post(api, alice, dm, "but this, yes").path("id").asText();
            List<JsonNode> atBob = Gw.until(b, Gw.messageCreate(marker), "the DM marker");
            assertThat(atBob).noneMatch(f -> channel.equals(f.path("conversation_id").asText()));
            assertThat(c.next(Gw.messageCreate(inChannel), "the channel message at carol").path("seq").asLong()).isEqualTo(before + 2);

            // and bob can no longer send there
            String nonce = Gw.nonce();
            b.send("SEND", Gw.sendFrame(channel, "let me in", nonce));
            JsonNode error = b.next(f -> "ERROR".equals(f.path("op").asText()) && nonce.equals(f.path("d").path("nonce").asText()), "ERROR");
            assertThat(error.path("d").path("error").path("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void leavingIsMemberRemoveToTheOthers() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String channel = api.channel(alice, "open", "public");
        assertThat(api.post("/api/v1/channels/" + channel + "/join", bob.token(), null).status()).isEqualTo(200);
        try (Ws a = Ws.connect(NODE.baseUrl(), alice.token()); Ws b = Ws.connect(NODE.baseUrl(), bob.token())) {
            assertThat(api.post("/api/v1/channels/" + channel + "/leave", bob.token(), null).status()).isEqualTo(204);
            JsonNode removed = a.next("MEMBER_REMOVE");
            assertThat(removed.path("d").path("user").path("id").asText()).isEqualTo(bob.id());
            assertThat(b.next("CONVERSATION_DELETE").path("conversation_id").asText()).isEqualTo(channel);
            // joining again: CONVERSATION_CREATE to bob, MEMBER_ADD to alice
            assertThat(api.post("/api/v1/channels/" + channel + "/join", bob.token(), null).status()).isEqualTo(200);
            assertThat(b.next("CONVERSATION_CREATE").path("conversation_id").asText()).isEqualTo(channel);
            assertThat(a.next("MEMBER_ADD").path("d").path("user").path("id").asText()).isEqualTo(bob.id());
            String id = Gw.post(api, alice, channel, "back again").path("id").asText();
            b.next(Gw.messageCreate(id), "the message after rejoining");
        }
    }

    @Test
    void renameReachesMembersAsConversationUpdateAndDeleteAsConversationDelete() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account alice2 = Gw.login(api, alice, "tablet");
        String channel = api.channel(alice, "old-name", "private");
        api.addMember(alice, channel, bob);
        try (Ws a1 = Ws.connect(NODE.baseUrl(), alice.token()); Ws a2 = Ws.connect(NODE.baseUrl(), alice2.token());
             Ws b = Ws.connect(NODE.baseUrl(), bob.token())) {
            long before = Gw.lastSeq(api, alice, channel);
            Api.Reply r = api.patch("/api/v1/channels/" + channel, alice.token(), Api.obj("name", "new-name", "topic", "plans"));
            assertThat(r.status()).isEqualTo(200);
            for (Ws ws : List.of(a1, a2, b)) {
                JsonNode update = ws.next("CONVERSATION_UPDATE");
                assertThat(update.path("conversation_id").asText()).isEqualTo(channel);
                assertThat(update.path("seq").asLong()).isEqualTo(before + 1);
                JsonNode conversation = update.path("d").path("conversation");
                assertThat(conversation.path("name").asText()).isEqualTo("new-name");
                assertThat(conversation.path("topic").asText()).isEqualTo("plans");
                assertThat(conversation.has("last_read_seq")).isFalse();
                assertThat(conversation.has("unread_count")).isFalse();
                assertThat(conversation.has("peer")).isFalse();
            }
            assertThat(api.delete("/api/v1/channels/" + channel, alice.token()).status()).isEqualTo(204);
            for (Ws ws : List.of(a1, a2, b)) {
                JsonNode deleted = ws.next("CONVERSATION_DELETE");
                assertThat(deleted.path("d").path("conversation_id").asText()).isEqualTo(channel);
                assertThat(deleted.path("seq").asLong()).isEqualTo(before + 2);
            }
        }
    }

    @Test
    void aNewChannelAppearsOnTheCreatorsOtherDevicesWithoutSeq() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account alice2 = Gw.login(api, alice, "tablet");
        try (Ws a1 = Ws.connect(NODE.baseUrl(), alice.token()); Ws a2 = Ws.connect(NODE.baseUrl(), alice2.token())) {
            String channel = api.channel(alice, "fresh", "public");
            for (Ws ws : List.of(a1, a2)) {
                JsonNode created = ws.next("CONVERSATION_CREATE");
                assertThat(created.path("d").path("conversation").path("id").asText()).isEqualTo(channel);
                assertThat(created.path("d").path("conversation").path("owner_id").asText()).isEqualTo(alice.id());
                assertThat(created.has("seq")).isFalse();
            }
            String id = Gw.post(api, alice, channel, "first").path("id").asText();
            for (Ws ws : List.of(a1, a2)) {
                assertThat(ws.next(Gw.messageCreate(id), "the first message").path("seq").asLong()).isEqualTo(1);
            }
        }
    }
}
