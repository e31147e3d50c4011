package dev.parley.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Changing one's password signs out every other device; deleting one's account keeps its messages, anonymised. */
class PasswordAndDeletionTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    @Test
    void changingThePasswordNeedsTheCurrentOneAndRevokesEveryOtherSession() {
        Api api = NODE.api();
        Api.Account me = api.register("changer");
        String laptop = api.login(me.username(), "correct horse").json().path("token").asText();
        try (Ws here = Ws.connect(NODE.baseUrl(), me.token()); Ws there = Ws.connect(NODE.baseUrl(), laptop)) {
            Api.Reply wrong = api.post("/api/v1/auth/password", me.token(),
                    Api.obj("current_password", "not it", "new_password", "much better one"));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.errorCode()).isEqualTo("invalid_credentials");
            assertThat(api.post("/api/v1/auth/password", me.token(),
                    Api.obj("current_password", "correct horse", "new_password", "short")).errorCode()).isEqualTo("invalid_password");

            assertThat(api.post("/api/v1/auth/password", me.token(),
                    Api.obj("current_password", "correct horse", "new_password", "much better one")).status()).isEqualTo(204);

            assertThat(there.awaitClose()).isEqualTo(4001);
            assertThat(api.get("/api/v1/users/me", laptop).status()).isEqualTo(401);
            assertThat(api.get("/api/v1/users/me", me.token()).status()).as("this session stays").isEqualTo(200);
            here.send("HEARTBEAT", Api.obj());
            here.next("HEARTBEAT_ACK");
            assertThat(api.login(me.username(), "correct horse").status()).isEqualTo(401);
            assertThat(api.login(me.username(), "much better one").status()).isEqualTo(200);
        }
    }

    @Test
    void aDeletedAccountsMessagesStayShownAsADeletedUserAndItsNameIsFree() {
        Api api = NODE.api();
        Api.Account owner = api.register("owner");
        Api.Account leaving = api.register("leaving");
        String channel = api.channel(owner, "keeps-history", "private");
        api.addMember(owner, channel, leaving);
        String ownChannel = api.channel(leaving, "theirs", "public");
        api.post("/api/v1/channels/" + ownChannel + "/join", owner.token(), null);
        String messageId = api.send(leaving, channel, "remember me").json().path("id").asText();
        try (Ws watcher = Ws.connect(NODE.baseUrl(), owner.token()); Ws mine = Ws.connect(NODE.baseUrl(), leaving.token())) {
            Api.Reply wrong = api.delete("/api/v1/users/me", leaving.token(), Api.obj("password", "not it"));
            assertThat(wrong.status()).isEqualTo(401);

            assertThat(api.delete("/api/v1/users/me", leaving.token(), Api.obj("password", "correct horse")).status()).isEqualTo(204);

            assertThat(mine.awaitClose()).isEqualTo(4001);
            JsonNode removed = watcher.next(f -> f.path("op").asText().equals("MEMBER_REMOVE")
                    && f.path("conversation_id").asText().equals(channel), "the deleted user leaving");
            assertThat(removed.path("d").path("user").path("display_name").asText()).isEqualTo("Deleted user");
        }
        assertThat(api.get("/api/v1/users/me", leaving.token()).status()).isEqualTo(401);
        assertThat(api.login(leaving.username(), "correct horse").status()).isEqualTo(401);

        JsonNode history = api.get("/api/v1/conversations/" + channel + "/messages", owner.token()).json();
        assertThat(history.path("messages").get(0).path("id").asText()).isEqualTo(messageId);
        assertThat(history.path("messages").get(0).path("content").asText()).isEqualTo("remember me");
        JsonNode author = history.path("users").path(leaving.id());
        assertThat(author.path("display_name").asText()).isEqualTo("Deleted user");
        assertThat(author.path("username").asText()).isEqualTo("deleted-" + leaving.id());
        assertThat(api.get("/api/v1/conversations/" + ownChannel, owner.token()).json().path("owner_id").asText())
                .as("the channel they owned passed on").isEqualTo(owner.id());
        assertThat(api.get("/api/v1/users/search?q=deleted", owner.token()).json().path("users")).isEmpty();

        Api.Reply again = api.post("/api/v1/auth/register", null, Api.obj("username", leaving.username(), "password", "long enough"));
        assertThat(again.status()).as("the username is free again").isEqualTo(201);
        assertThat(again.json().path("user").path("id").asText()).isNotEqualTo(leaving.id());
    }
}
