package dev.parley.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Admins over HTTP and the gateway: the first account of an open node is an admin; every admin call is refused to
 * others; deactivation cuts an account off at once (REST and sockets) and keeps its messages; admins are made and
 * unmade; password resets work once.
 */
class AdminApiTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode().with("admin.usernames", "configured_admin");

    private static Api api;
    private static Api.Account admin;

    @BeforeAll
    static void firstAccount() {
        api = NODE.api();
        admin = api.register("first");
    }

    private static String path(String rest) {
        return "/api/v1" + rest;
    }

    @Test
    void theFirstAccountOfAnOpenNodeIsAnAdminAndLaterOnesAreNot() {
        Api.Account later = api.register("later");

        JsonNode me = api.get(path("/users/me"), admin.token()).json();
        assertThat(me.path("admin").asBoolean()).isTrue();
        assertThat(me.path("bot").asBoolean()).isFalse();
        assertThat(api.get(path("/users/me"), later.token()).json().path("admin").asBoolean()).isFalse();
        assertThat(NODE.node().setupLine()).as("the node started without an admin").hasValueSatisfying(line ->
                assertThat(line).matches("Parley setup: open http://127\\.0\\.0\\.1:\\d+/#invite=\\S+ to create the first admin account"));
        NODE.restart();
        assertThat(NODE.node().setupLine()).as("a node with an admin prints no setup line").isEmpty();
    }

    @Test
    void aNonAdminGets403OnEveryAdminCall() {
        Api.Account member = api.register("member");
        Api.Account target = api.register("target");
        String t = target.id();
        List<Api.Reply> replies = new ArrayList<>();
        replies.add(api.get(path("/admin/users"), member.token()));
        replies.add(api.get(path("/admin/users?q=ta"), member.token()));
        replies.add(api.post(path("/admin/users"), member.token(), Api.obj("username", "made_by_member", "password", "long enough")));
        replies.add(api.post(path("/admin/users/" + t + "/deactivate"), member.token(), null));
        replies.add(api.post(path("/admin/users/" + t + "/reactivate"), member.token(), null));
        replies.add(api.put(path("/admin/users/" + t + "/admin"), member.token()));
        replies.add(api.put(path("/admin/users/" + member.id() + "/admin"), member.token()));
        replies.add(api.delete(path("/admin/users/" + admin.id() + "/admin"), member.token()));
        replies.add(api.post(path("/admin/users/" + t + "/password-reset"), member.token(), null));
        replies.add(api.post(path("/admin/invites"), member.token(), Api.obj("max_uses", 1)));
        replies.add(api.get(path("/admin/invites"), member.token()));
        replies.add(api.delete(path("/admin/invites/anything"), member.token()));

        assertThat(replies).allSatisfy(r -> {
            assertThat(r.status()).as(r.raw().uri().toString()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("forbidden");
        });
        assertThat(api.get(path("/admin/users"), null).status()).as("no token").isEqualTo(401);
        assertThat(api.login("made_by_member", "long enough").status()).isEqualTo(401);
        assertThat(api.get(path("/users/me"), target.token()).status()).as("the target was not deactivated").isEqualTo(200);
    }

    @Test
    void adminsListAndSearchAccountsWithTheirFlags() {
        Api.Account zed = api.register("zedsearch");
        api.patch(path("/users/me"), zed.token(), Api.obj("display_name", "Findable Person"));

        JsonNode byName = api.get(path("/admin/users?q=zedsearch"), admin.token()).json();
        assertThat(byName.path("users")).hasSize(1);
        JsonNode row = byName.path("users").get(0);
        assertThat(row.path("id").asText()).isEqualTo(zed.id());
        assertThat(row.path("admin").asBoolean()).isFalse();
        assertThat(row.path("deactivated").asBoolean()).isFalse();
        assertThat(row.path("bot").asBoolean()).isFalse();
        assertThat(api.get(path("/admin/users?q=findable%20person"), admin.token()).json().path("users").get(0).path("id").asText())
                .as("found by display name").isEqualTo(zed.id());

        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(path("/admin/users?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)), admin.token()).json();
            page.path("users").forEach(u -> all.add(u.path("username").asText()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        assertThat(all).contains(admin.username(), zed.username()).isSorted();
    }

    @Test
    void adminsCreateAccountsThatCanLogIn() {
        Api.Reply created = api.post(path("/admin/users"), admin.token(), Api.obj("username", "Made_By_Admin", "password", "given password"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("username").asText()).isEqualTo("made_by_admin");
        assertThat(api.login("made_by_admin", "given password").status()).isEqualTo(200);
        assertThat(api.post(path("/admin/users"), admin.token(), Api.obj("username", "made_by_admin", "password", "given password"))
                .errorCode()).isEqualTo("username_taken");
    }

    @Test
    void aDeactivatedUserIsCutOffAtOnceOnRestAndTheGatewayAndTheirMessagesStay() {
        Api.Account gone = api.register("gone");
        Api.Reply second = api.login(gone.username(), "correct horse");
        String secondToken = second.json().path("token").asText();
        String channel = api.channel(admin, "with-gone", "private");
        api.addMember(admin, channel, gone);
        String messageId = api.send(gone, channel, "I was here").json().path("id").asText();
        try (Ws socket = Ws.connect(NODE.baseUrl(), gone.token()); Ws other = Ws.connect(NODE.baseUrl(), secondToken)) {
            assertThat(api.post(path("/admin/users/" + gone.id() + "/deactivate"), admin.token(), null).status()).isEqualTo(204);

            assertThat(api.get(path("/users/me"), gone.token()).status()).as("the very next request").isEqualTo(401);
            assertThat(api.get(path("/users/me"), secondToken).status()).isEqualTo(401);
            assertThat(socket.awaitClose()).isEqualTo(4001);
            assertThat(other.awaitClose()).isEqualTo(4001);
        }
        Ws again = Ws.open(NODE.baseUrl());
        again.send("IDENTIFY", Api.obj("token", gone.token()));
        assertThat(again.awaitClose()).as("the gateway refuses the old token").isEqualTo(4001);
        Api.Reply login = api.login(gone.username(), "correct horse");
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.errorCode()).isEqualTo("account_deactivated");
        JsonNode history = api.get(path("/conversations/" + channel + "/messages"), admin.token()).json();
        assertThat(history.path("messages").get(0).path("id").asText()).isEqualTo(messageId);
        assertThat(history.path("users").path(gone.id()).path("username").asText()).isEqualTo(gone.username());
        assertThat(api.get(path("/admin/users?q=" + gone.username()), admin.token()).json().path("users").get(0)
                .path("deactivated").asBoolean()).isTrue();

        assertThat(api.post(path("/admin/users/" + gone.id() + "/reactivate"), admin.token(), null).status()).isEqualTo(204);
        assertThat(api.login(gone.username(), "correct horse").status()).isEqualTo(200);
        assertThat(api.get(path("/users/me"), gone.token()).status()).as("old sessions stay revoked").isEqualTo(401);
    }

    @Test
    void adminsMakeAndUnmakeAdminsButNotThemselvesOrConfiguredOnes() {
        Api.Account helper = api.register("helper");

        assertThat(api.put(path("/admin/users/" + helper.id() + "/admin"), admin.token()).status()).isEqualTo(204);
        assertThat(api.get(path("/users/me"), helper.token()).json().path("admin").asBoolean()).isTrue();
        assertThat(api.get(path("/admin/users"), helper.token()).status()).isEqualTo(200);
        assertThat(api.delete(path("/admin/users/" + helper.id() + "/admin"), helper.token()).errorCode())
                .as("unmaking oneself").isEqualTo("forbidden");
        assertThat(api.post(path("/admin/users/" + helper.id() + "/deactivate"), helper.token(), null).errorCode())
                .as("deactivating oneself").isEqualTo("forbidden");
        assertThat(api.delete(path("/admin/users/" + helper.id() + "/admin"), admin.token()).status()).isEqualTo(204);
        assertThat(api.get(path("/admin/users"), helper.token()).status()).isEqualTo(403);

        Api.Reply configured = api.post(path("/auth/register"), null, Api.obj("username", "configured_admin", "password", "long enough"));
        String configuredToken = configured.json().path("token").asText();
        assertThat(api.get(path("/users/me"), configuredToken).json().path("admin").asBoolean())
                .as("named in admin.usernames").isTrue();
        assertThat(api.delete(path("/admin/users/" + configured.json().path("user").path("id").asText() + "/admin"), admin.token())
                .errorCode()).isEqualTo("conflict");
        assertThat(api.put(path("/admin/users/99999/admin"), admin.token()).status()).isEqualTo(404);
    }

    @Test
    void aPasswordResetLinkSetsANewPasswordOnceAndSignsEverythingOut() {
        Api.Account forgetful = api.register("forgetful");
        try (Ws socket = Ws.connect(NODE.baseUrl(), forgetful.token())) {
            Api.Reply reset = api.post(path("/admin/users/" + forgetful.id() + "/password-reset"), admin.token(), null);
            assertThat(reset.status()).isEqualTo(200);
            String url = reset.json().path("reset_url").asText();
            assertThat(url).startsWith(NODE.baseUrl() + "/#reset=");
            String secret = url.substring(url.indexOf("#reset=") + 7);

            assertThat(api.post(path("/auth/password/reset"), null, Api.obj("token", secret, "new_password", "short"))
                    .errorCode()).isEqualTo("invalid_password");
            assertThat(api.post(path("/auth/password/reset"), null, Api.obj("token", secret, "new_password", "a brand new one"))
                    .status()).isEqualTo(204);

            assertThat(socket.awaitClose()).isEqualTo(4001);
            assertThat(api.get(path("/users/me"), forgetful.token()).status()).isEqualTo(401);
            assertThat(api.login(forgetful.username(), "correct horse").status()).isEqualTo(401);
            assertThat(api.login(forgetful.username(), "a brand new one").status()).isEqualTo(200);
            Api.Reply again = api.post(path("/auth/password/reset"), null, Api.obj("token", secret, "new_password", "and another one"));
            assertThat(again.status()).as("the link works once").isEqualTo(401);
        }
    }
}
