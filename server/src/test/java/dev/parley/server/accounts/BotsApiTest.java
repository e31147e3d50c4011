package dev.parley.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bots and their API tokens over REST and the gateway: shown once, scoped to some conversations (404 elsewhere) and
 * to reading or sending, revocable at once, rate-limited on their own bucket.
 */
class BotsApiTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode().with("rate.limit.bot.send.burst", "3").with("rate.limit.bot.send.per.second", "0.01");

    private static String bot(Api api, Api.Account owner, String username) {
        Api.Reply r = api.post("/api/v1/bots", owner.token(), Api.obj("username", username, "display_name", "Deploy Bot"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("bot").asBoolean()).isTrue();
        return r.json().path("id").asText();
    }

    private static JsonNode token(Api api, Api.Account owner, String botId, String scope, List<String> conversations) {
        JsonNode body = conversations == null ? Api.obj("name", "ci", "scope", scope)
                : Api.obj("name", "ci", "scope", scope, "conversation_ids", conversations);
        Api.Reply r = api.post("/api/v1/bots/" + botId + "/tokens", owner.token(), body);
        assertThat(r.status()).isEqualTo(201);
        return r.json();
    }

    private static Api.Account asAccount(String id, String username, String token) {
        return new Api.Account(id, username, token, null);
    }

    @Test
    void aBotIsMadeListedTaggedAndItsTokenIsShownOnce() {
        Api api = NODE.api();
        Api.Account owner = api.register("owner");
        Api.Account other = api.register("other");
        String botId = bot(api, owner, "deploy_bot");

        assertThat(api.get("/api/v1/bots", owner.token()).json().path("bots")).extracting(b -> b.path("id").asText()).containsExactly(botId);
        assertThat(api.get("/api/v1/bots", other.token()).json().path("bots")).isEmpty();
        assertThat(api.get("/api/v1/users/" + botId, other.token()).json().path("bot").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/bots", owner.token(), Api.obj("username", "deploy_bot")).errorCode()).isEqualTo("username_taken");

        JsonNode made = token(api, owner, botId, "read_send", null);
        assertThat(made.path("token").asText()).isNotEmpty();
        assertThat(made.path("scope").asText()).isEqualTo("read_send");
        assertThat(made.path("conversation_ids").isNull()).isTrue();
        JsonNode listed = api.get("/api/v1/bots/" + botId + "/tokens", owner.token()).json().path("tokens");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("token")).as("the secret is shown once").isFalse();
        assertThat(api.get("/api/v1/bots/" + botId + "/tokens", other.token()).status()).as("not their bot").isEqualTo(404);
        assertThat(api.post("/api/v1/bots/" + botId + "/tokens", owner.token(), Api.obj("name", "x", "scope", "admin"))
                .errorCode()).isEqualTo("invalid_request");
        assertThat(api.login("deploy_bot", "").status()).as("a bot has no password").isIn(400, 401);

        String botToken = made.path("token").asText();
        JsonNode me = api.get("/api/v1/users/me", botToken).json();
        assertThat(me.path("id").asText()).isEqualTo(botId);
        assertThat(me.path("admin").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/bots", botToken).status()).as("a bot token manages no bots").isEqualTo(403);
        assertThat(api.get("/api/v1/admin/users", botToken).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/auth/password", botToken, Api.obj("current_password", "x", "new_password", "long enough"))
                .status()).isEqualTo(403);
    }

    @Test
    void aBotAddedToAChannelPostsOverRestAndTheGatewayAndIsRateLimitedOnItsOwn() {
        Api api = NODE.api();
        Api.Account owner = api.register("owner");
        String botId = bot(api, owner, "poster_bot");
        String channel = api.channel(owner, "deploys", "private");
        assertThat(api.put("/api/v1/channels/" + channel + "/members/" + botId, owner.token()).status()).isEqualTo(204);
        String botToken = token(api, owner, botId, "read_send", null).path("token").asText();
        Api.Account asBot = asAccount(botId, "poster_bot", botToken);

        assertThat(api.send(asBot, channel, "build 1 passed").status()).isEqualTo(201);
        try (Ws socket = Ws.connect(NODE.baseUrl(), botToken)) {
            socket.send("SEND", Api.obj("conversation_id", channel, "content", "build 2 passed", "nonce", "n-2"));
            assertThat(socket.next("SEND_ACK").path("d").path("message").path("author_id").asText()).isEqualTo(botId);
        }
        Api.Reply third = api.send(asBot, channel, "build 3 passed");
        assertThat(third.status()).isEqualTo(201);
        Api.Reply limited = api.send(asBot, channel, "build 4 passed");
        assertThat(limited.status()).as("the bot bucket (burst 3)").isEqualTo(429);
        for (int i = 0; i < 4; i++) {
            assertThat(api.send(owner, channel, "people keep their own bucket " + i).status()).isEqualTo(201);
        }
    }

    @Test
    void aTokenLimitedToOneConversationGets404OnEveryOtherAndAReadTokenCannotSend() {
        Api api = NODE.api();
        Api.Account owner = api.register("owner");
        String botId = bot(api, owner, "scoped_bot");
        String allowed = api.channel(owner, "allowed", "private");
        String other = api.channel(owner, "other", "private");
        for (String c : List.of(allowed, other)) {
            api.put("/api/v1/channels/" + c + "/members/" + botId, owner.token());
        }
        String limited = token(api, owner, botId, "read_send", List.of(allowed)).path("token").asText();
        String reader = token(api, owner, botId, "read", null).path("token").asText();
        Api.Account asLimited = asAccount(botId, "scoped_bot", limited);
        Api.Account asReader = asAccount(botId, "scoped_bot", reader);

        assertThat(api.send(asLimited, allowed, "in scope").status()).isEqualTo(201);
        for (String path : List.of("/api/v1/conversations/" + other, "/api/v1/conversations/" + other + "/messages",
                "/api/v1/conversations/" + other + "/events", "/api/v1/channels/" + other + "/members")) {
            assertThat(api.get(path, limited).status()).as(path).isEqualTo(404);
        }
        assertThat(api.send(asLimited, other, "out of scope").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/channels/" + other + "/leave", limited, null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations", limited).json().path("conversations"))
                .extracting(c -> c.path("id").asText()).containsExactly(allowed);
        assertThat(api.post("/api/v1/channels", limited, Api.obj("name", "new", "visibility", "public")).status()).isEqualTo(403);

        Api.Reply readSend = api.send(asReader, allowed, "read only");
        assertThat(readSend.status()).as("a read token's send").isEqualTo(403);
        assertThat(api.get("/api/v1/conversations/" + other + "/messages", reader).status()).isEqualTo(200);

        try (Ws socket = Ws.open(NODE.baseUrl())) {
            socket.send("IDENTIFY", Api.obj("token", limited));
            JsonNode ready = socket.next("READY");
            assertThat(ready.path("d").path("conversations")).extracting(c -> c.path("id").asText()).containsExactly(allowed);
            assertThat(ready.path("d").path("user").path("bot").asBoolean()).isTrue();
            socket.next("CATCHUP_DONE");
            socket.send("SEND", Api.obj("conversation_id", other, "content", "sneaky", "nonce", "n-x"));
            assertThat(socket.next("ERROR").path("d").path("error").path("code").asText()).isEqualTo("not_found");
            String elsewhere = api.send(owner, other, "not for the limited token").json().path("id").asText();
            String inScope = api.send(owner, allowed, "for the limited token").json().path("id").asText();
            JsonNode seen = socket.next("MESSAGE_CREATE");
            assertThat(seen.path("d").path("message").path("id").asText()).isEqualTo(inScope).isNotEqualTo(elsewhere);
        }
        try (Ws socket = Ws.connect(NODE.baseUrl(), reader)) {
            socket.send("SEND", Api.obj("conversation_id", allowed, "content", "nope", "nonce", "n-r"));
            assertThat(socket.next("ERROR").path("d").path("error").path("code").asText()).isEqualTo("forbidden");
        }
    }

    @Test
    void aRevokedTokenIsRefusedOnRestAndItsSocketsClose() {
        Api api = NODE.api();
        Api.Account owner = api.register("owner");
        String botId = bot(api, owner, "revoked_bot");
        JsonNode made = token(api, owner, botId, "read_send", null);
        String botToken = made.path("token").asText();
        try (Ws socket = Ws.connect(NODE.baseUrl(), botToken)) {
            assertThat(api.delete("/api/v1/bots/" + botId + "/tokens/" + made.path("id").asText(), owner.token()).status())
                    .isEqualTo(204);
            assertThat(socket.awaitClose()).isEqualTo(4001);
        }
        assertThat(api.get("/api/v1/users/me", botToken).status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/bots/" + botId + "/tokens/" + made.path("id").asText(), owner.token()).status()).isEqualTo(404);

        JsonNode second = token(api, owner, botId, "read", null);
        assertThat(api.delete("/api/v1/bots/" + botId, owner.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/users/me", second.path("token").asText()).status()).as("deleting the bot").isEqualTo(401);
        assertThat(api.get("/api/v1/bots", owner.token()).json().path("bots")).isEmpty();
    }
}
