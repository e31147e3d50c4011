package dev.parley.server.rest;

import dev.parley.server.support.Gw;
import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.ok;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-up, login, logout and sessions over REST. */
class AccountsApiTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private Api api;

    @BeforeEach
    void setUp() {
        api = NODE.api();
    }

    private static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void registerAnswers201WithUserTokenAndSessionAndStoresEmailAndDisplayName() {
        String name = uniqueName("reg_");
        JsonNode j = ok(api.post(V1 + "/auth/register", null, obj("username", name, "password", "long enough",
                "email", "someone@example.org", "display_name", "  Some One  ")), 201);

        JsonNode user = j.path("user");
        assertThat(user.path("id").isTextual()).isTrue();
        assertThat(Long.parseLong(user.path("id").asText())).isPositive();
        assertThat(user.path("username").asText()).isEqualTo(name);
        assertThat(user.path("display_name").asText()).isEqualTo("Some One");
        assertThat(user.has("avatar_url")).isTrue();
        assertThat(user.has("status_text")).isTrue();
        assertThat(Instant.parse(user.path("created_at").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(j.path("token").asText()).isNotBlank();
        assertThat(j.path("session_id").isTextual()).isTrue();

        JsonNode me = ok(api.get(V1 + "/users/me", j.path("token").asText()), 200);
        assertThat(me.path("admin").isBoolean()).as("/users/me also says whether I am an admin").isTrue();
        assertThat((JsonNode) ((com.fasterxml.jackson.databind.node.ObjectNode) me.deepCopy()).without("admin")).isEqualTo(user);
    }

    @Test
    void registerWithoutDisplayNameUsesTheUsername() {
        String name = uniqueName("plain_");
        JsonNode j = ok(api.post(V1 + "/auth/register", null, obj("username", name, "password", "long enough")), 201);
        assertThat(j.path("user").path("display_name").asText()).isEqualTo(name);
    }

    @Test
    void registerStoresTheUsernameLowerCase() {
        String name = uniqueName("MiXed_");
        JsonNode j = ok(api.post(V1 + "/auth/register", null, obj("username", name, "password", "long enough")), 201);
        assertThat(j.path("user").path("username").asText()).isEqualTo(name.toLowerCase());
    }

    @Test
    void loginWithTheRightPasswordOpensANewSessionWithAWorkingToken() {
        Account a = api.register("login");
        JsonNode j = ok(api.post(V1 + "/auth/login", null,
                obj("username", a.username().toUpperCase(), "password", "correct horse", "device_name", "laptop")), 200);

        assertThat(j.path("user").path("id").asText()).isEqualTo(a.id());
        assertThat(j.path("token").asText()).isNotBlank().isNotEqualTo(a.token());
        assertThat(j.path("session_id").asText()).isNotEqualTo(a.sessionId());
        assertThat(ok(api.get(V1 + "/users/me", j.path("token").asText()), 200).path("id").asText()).isEqualTo(a.id());
        // the first session keeps working beside the new one
        assertThat(api.get(V1 + "/users/me", a.token()).status()).isEqualTo(200);
    }

    @Test
    void loginWithAWrongPasswordOrUnknownUserIsInvalidCredentials() {
        Account a = api.register("badpw");
        assertError(api.post(V1 + "/auth/login", null, obj("username", a.username(), "password", "wrong horse")),
                401, "invalid_credentials");
        assertError(api.post(V1 + "/auth/login", null, obj("username", uniqueName("nobody_"), "password", "whatever1")),
                401, "invalid_credentials");
        assertThat(sessions(a)).hasSize(1);
    }

    @Test
    void sessionsListsEveryDeviceAndMarksOnlyTheCallersAsCurrent() {
        Account a = api.register("sess");
        Account phone = Rest.login(api, a.username(), Rest.PASSWORD, "phone");
        Account laptop = Rest.login(api, a.username(), Rest.PASSWORD, "laptop");

        List<JsonNode> seen = sessions(phone);
        assertThat(seen).extracting(s -> s.path("id").asText())
                .containsExactlyInAnyOrder(a.sessionId(), phone.sessionId(), laptop.sessionId());
        for (JsonNode s : seen) {
            assertThat(s.path("current").asBoolean()).isEqualTo(s.path("id").asText().equals(phone.sessionId()));
            assertThat(s.has("device_name")).isTrue();
            assertThat(Instant.parse(s.path("created_at").asText())).isNotNull();
            assertThat(Instant.parse(s.path("last_seen_at").asText())).isNotNull();
        }
        assertThat(seen).filteredOn(s -> s.path("id").asText().equals(laptop.sessionId()))
                .singleElement().satisfies(s -> assertThat(s.path("device_name").asText()).isEqualTo("laptop"));
        assertThat(sessions(laptop)).filteredOn(s -> s.path("current").asBoolean())
                .singleElement().satisfies(s -> assertThat(s.path("id").asText()).isEqualTo(laptop.sessionId()));
    }

    @Test
    void revokingAnotherSessionStopsItsTokenAtOnceAndKeepsTheCallers() {
        Account a = api.register("revoke");
        Account other = Rest.login(api, a.username(), Rest.PASSWORD, "tablet");
        assertThat(api.get(V1 + "/users/me", other.token()).status()).isEqualTo(200);

        assertThat(api.delete(V1 + "/auth/sessions/" + other.sessionId(), a.token()).status()).isEqualTo(204);

        assertError(api.get(V1 + "/users/me", other.token()), 401, "unauthorized");
        assertThat(api.get(V1 + "/users/me", a.token()).status()).isEqualTo(200);
        assertThat(sessions(a)).extracting(s -> s.path("id").asText()).containsExactly(a.sessionId());
    }

    @Test
    void revokingAnUnknownOrSomeoneElsesSessionIsNotFoundAndChangesNothing() {
        Account a = api.register("rvka");
        Account b = api.register("rvkb");
        assertError(api.delete(V1 + "/auth/sessions/" + b.sessionId(), a.token()), 404, "not_found");
        assertError(api.delete(V1 + "/auth/sessions/123456789", a.token()), 404, "not_found");
        assertThat(api.get(V1 + "/users/me", b.token()).status()).isEqualTo(200);
        assertThat(sessions(b)).hasSize(1);
    }

    @Test
    void logoutStopsThisSessionsTokenAtOnceAndLeavesTheOthers() {
        Account a = api.register("logout");
        Account other = Rest.login(api, a.username(), Rest.PASSWORD, "desktop");

        assertThat(api.post(V1 + "/auth/logout", a.token(), null).status()).isEqualTo(204);

        assertError(api.get(V1 + "/users/me", a.token()), 401, "unauthorized");
        assertError(api.post(V1 + "/auth/logout", a.token(), null), 401, "unauthorized");
        assertThat(api.get(V1 + "/users/me", other.token()).status()).isEqualTo(200);
        assertThat(sessions(other)).extracting(s -> s.path("id").asText()).containsExactly(other.sessionId());
    }

    @Test
    void concurrentSignUpsForOneUsernameCreateExactlyOneUser() throws Exception {
        String name = uniqueName("race_");
        List<Api.Reply> replies = Gw.concurrently(8, i -> api.post(V1 + "/auth/register", null,
                obj("username", i % 2 == 0 ? name : name.toUpperCase(), "password", "password " + i)));
        assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(replies).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertError(r, 409, "username_taken"));
        Account anyone = api.register("counter");
        assertThat(ok(api.get(V1 + "/users/search?q=" + name, anyone.token()), 200).path("users").size()).isEqualTo(1);
    }

    private List<JsonNode> sessions(Account who) {
        JsonNode j = ok(api.get(V1 + "/auth/sessions", who.token()), 200);
        List<JsonNode> out = new ArrayList<>();
        j.path("sessions").forEach(out::add);
        return out;
    }
}
