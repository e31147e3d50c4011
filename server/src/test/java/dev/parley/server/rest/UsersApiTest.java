package dev.parley.server.rest;

import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.ok;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Profiles and finding people over REST. */
class UsersApiTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private Api api;

    @BeforeEach
    void setUp() {
        api = NODE.api();
    }

    @Test
    void meAnswersTheCallersProfile() {
        Account a = api.register("me");
        JsonNode me = ok(api.get(V1 + "/users/me", a.token()), 200);
        assertThat(me.path("id").asText()).isEqualTo(a.id());
        assertThat(me.path("username").asText()).isEqualTo(a.username());
        assertThat(me.path("display_name").asText()).isEqualTo(a.username());
        assertThat(me.path("avatar_url").isNull()).isTrue();
        assertThat(me.path("status_text").asText()).isEmpty();
        assertThat(me.path("created_at").asText()).isNotBlank();
    }

    @Test
    void patchMeChangesOnlyTheGivenFieldsAndIsSeenByOthers() {
        Account a = api.register("patch");
        Account b = api.register("viewer");

        JsonNode after = ok(api.patch(V1 + "/users/me", a.token(), obj("display_name", "Ada L.",
                "avatar_url", "https://img.example.org/ada.png", "status_text", "compiling")), 200);
        assertThat(after.path("display_name").asText()).isEqualTo("Ada L.");
        assertThat(after.path("avatar_url").asText()).isEqualTo("https://img.example.org/ada.png");
        assertThat(after.path("status_text").asText()).isEqualTo("compiling");
        assertThat(after.path("username").asText()).isEqualTo(a.username());

        JsonNode onlyStatus = ok(api.patch(V1 + "/users/me", a.token(), obj("status_text", "lunch")), 200);
        assertThat(onlyStatus.path("display_name").asText()).isEqualTo("Ada L.");
        assertThat(onlyStatus.path("avatar_url").asText()).isEqualTo("https://img.example.org/ada.png");
        assertThat(onlyStatus.path("status_text").asText()).isEqualTo("lunch");

        assertThat(ok(api.get(V1 + "/users/" + a.id(), b.token()), 200)).isEqualTo(onlyStatus);
        assertThat((JsonNode) ((com.fasterxml.jackson.databind.node.ObjectNode) ok(api.get(V1 + "/users/me", a.token()), 200))
                .without("admin")).as("/users/me is the user plus admin").isEqualTo(onlyStatus);
    }

    @Test
    void patchMeWithNullAvatarClearsIt() {
        Account a = api.register("clear");
        ok(api.patch(V1 + "/users/me", a.token(), obj("avatar_url", "http://example.org/a.png")), 200);
        JsonNode cleared = ok(api.patch(V1 + "/users/me", a.token(), obj("avatar_url", null)), 200);
        String avatar = cleared.path("avatar_url").asText("");
        assertThat(avatar).isEmpty();
        assertThat(ok(api.get(V1 + "/users/me", a.token()), 200).path("avatar_url").asText("")).isEmpty();
    }

    @Test
    void userByIdAnswersThatUsersProfileAndUnknownIdIsNotFound() {
        Account a = api.register("byid");
        Account b = api.register("byidb");
        JsonNode j = ok(api.get(V1 + "/users/" + b.id(), a.token()), 200);
        assertThat(j.path("id").asText()).isEqualTo(b.id());
        assertThat(j.path("username").asText()).isEqualTo(b.username());
        assertThat(j.has("password_hash")).isFalse();
        assertThat(j.has("email")).isFalse();
        assertError(api.get(V1 + "/users/1", a.token()), 404, "not_found");
    }

    @Test
    void userByUsernameIsCaseInsensitiveAndUnknownIsNotFound() {
        Account a = api.register("byname");
        Account b = api.register("target");
        JsonNode j = ok(api.get(V1 + "/users?username=" + b.username().toUpperCase(), a.token()), 200);
        assertThat(j.path("id").asText()).isEqualTo(b.id());
        assertError(api.get(V1 + "/users?username=no_such_user_here", a.token()), 404, "not_found");
        assertError(api.get(V1 + "/users", a.token()), 400, "invalid_request");
    }

    @Test
    void searchFindsUsersByUsernamePrefixAndHonoursTheLimit() {
        String prefix = "srch" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(api.register(prefix).id());
        }
        Account outsider = api.register("other");

        JsonNode all = ok(api.get(V1 + "/users/search?q=" + prefix.toUpperCase(), outsider.token()), 200);
        assertThat(ids(all)).containsExactlyInAnyOrderElementsOf(ids);
        all.path("users").forEach(u -> assertThat(u.path("username").asText()).startsWith(prefix));

        JsonNode two = ok(api.get(V1 + "/users/search?q=" + prefix + "&limit=2", outsider.token()), 200);
        assertThat(ids(two)).hasSize(2).isSubsetOf(ids);

        JsonNode none = ok(api.get(V1 + "/users/search?q=" + prefix + "zzz", outsider.token()), 200);
        assertThat(none.path("users").size()).isZero();
    }

    @Test
    void searchNeedsAQueryAndALimitInRange() {
        Account a = api.register("srchbad");
        assertError(api.get(V1 + "/users/search", a.token()), 400, "invalid_request");
        assertError(api.get(V1 + "/users/search?q=a&limit=0", a.token()), 400, "invalid_request");
        assertError(api.get(V1 + "/users/search?q=a&limit=101", a.token()), 400, "invalid_request");
        assertError(api.get(V1 + "/users/search?q=a&limit=ten", a.token()), 400, "invalid_request");
    }

    static List<String> ids(JsonNode usersAnswer) {
        List<String> out = new ArrayList<>();
        usersAnswer.path("users").forEach(u -> out.add(u.path("id").asText()));
        return out;
    }
}
