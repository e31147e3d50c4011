package dev.parley.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Channel bans: the owner bans, the banned are removed and kept out of public channels until unbanned. */
class BansApiTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private static String bans(String channel, String user) {
        return "/api/v1/channels/" + channel + "/bans" + (user == null ? "" : "/" + user);
    }

    @Test
    void aBannedMemberIsRemovedAndCannotRejoinOrBeAddedUntilUnbanned() {
        Api api = NODE.api();
        Api.Account owner = api.register("owner");
        Api.Account troll = api.register("troll");
        Api.Account bystander = api.register("bystander");
        String channel = api.channel(owner, "lobby", "public");
        assertThat(api.post("/api/v1/channels/" + channel + "/join", troll.token(), null).status()).isEqualTo(200);
        api.post("/api/v1/channels/" + channel + "/join", bystander.token(), null);
        try (Ws trollSocket = Ws.connect(NODE.baseUrl(), troll.token()); Ws watcher = Ws.connect(NODE.baseUrl(), bystander.token())) {
            assertThat(api.put(bans(channel, troll.id()), owner.token()).status()).isEqualTo(204);

            JsonNode removed = watcher.next(f -> f.path("op").asText().equals("MEMBER_REMOVE"), "the ban's MEMBER_REMOVE");
            assertThat(removed.path("d").path("user").path("id").asText()).isEqualTo(troll.id());
            JsonNode gone = trollSocket.next("CONVERSATION_DELETE");
            assertThat(gone.path("d").path("conversation_id").asText()).isEqualTo(channel);
        }
        Api.Reply join = api.post("/api/v1/channels/" + channel + "/join", troll.token(), null);
        assertThat(join.status()).as("a banned user's join").isEqualTo(403);
        assertThat(join.errorCode()).isEqualTo("forbidden");
        assertThat(join.json().path("error").path("message").asText()).contains("banned");
        assertThat(api.put("/api/v1/channels/" + channel + "/members/" + troll.id(), owner.token()).status())
                .as("the owner re-adding them").isEqualTo(403);
        assertThat(api.get("/api/v1/conversations/" + channel + "/messages", troll.token()).status()).isEqualTo(404);
        JsonNode listed = api.get(bans(channel, null), owner.token()).json().path("users");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(troll.id());

        assertThat(api.delete(bans(channel, troll.id()), owner.token()).status()).isEqualTo(204);
        assertThat(api.get(bans(channel, null), owner.token()).json().path("users")).isEmpty();
        assertThat(api.post("/api/v1/channels/" + channel + "/join", troll.token(), null).status()).isEqualTo(200);
    }

    @Test
    void onlyTheOwnerBansAndSeesBansAndABanCanComeBeforeAnyJoin() {
        Api api = NODE.api();
        Api.Account owner = api.register("owner");
        Api.Account member = api.register("member");
        Api.Account stranger = api.register("stranger");
        String channel = api.channel(owner, "club", "public");
        api.post("/api/v1/channels/" + channel + "/join", member.token(), null);

        assertThat(api.put(bans(channel, stranger.id()), member.token()).status()).isEqualTo(403);
        assertThat(api.get(bans(channel, null), member.token()).status()).isEqualTo(403);
        assertThat(api.get(bans(channel, null), stranger.token()).status()).isEqualTo(404);
        assertThat(api.put(bans(channel, owner.id()), owner.token()).errorCode()).isEqualTo("invalid_request");
        assertThat(api.put(bans(channel, "424242"), owner.token()).status()).isEqualTo(404);

        assertThat(api.put(bans(channel, stranger.id()), owner.token()).status()).isEqualTo(204);
        assertThat(api.put(bans(channel, stranger.id()), owner.token()).status()).as("idempotent").isEqualTo(204);
        assertThat(api.post("/api/v1/channels/" + channel + "/join", stranger.token(), null).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/conversations/" + channel, owner.token()).json().path("member_count").asInt()).isEqualTo(2);
        String dm = api.post("/api/v1/dms", owner.token(), Api.obj("username", member.username())).json().path("id").asText();
        assertThat(api.put(bans(dm, member.id()), owner.token()).status()).as("a DM has no bans").isEqualTo(404);
    }
}
