package dev.parley.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registration modes as clients see them: open, invite (codes used up, expired, revoked), closed; the setup invite. */
class RegistrationModesTest {
    private static final String REGISTER = "/api/v1/auth/register";

    private static Api.Reply register(Api api, String username, String invite) {
        return api.post(REGISTER, null, invite == null ? Api.obj("username", username, "password", "long enough")
                : Api.obj("username", username, "password", "long enough", "invite_code", invite));
    }

    /** Signs up with the node's setup invite: the first admin. */
    private static String firstAdmin(TestNode node, String username) {
        String line = node.node().setupLine().orElseThrow();
        String code = line.substring(line.indexOf("#invite=") + 8, line.indexOf(" to create"));
        Api.Reply r = register(node.api(), username, code);
        assertThat(r.status()).isEqualTo(201);
        return r.json().path("token").asText();
    }

    @Nested
    class InviteMode {
        @RegisterExtension
        static final TestNode NODE = new TestNode().with("registration.mode", "invite");
        static String admin;

        @BeforeAll
        static void setUp() {
            admin = firstAdmin(NODE, "boss");
        }

        @Test
        void theModeIsPublishedAndSigningUpNeedsAValidInvite() {
            Api api = NODE.api();
            JsonNode config = api.get("/api/v1/auth/config", null).json();
            assertThat(config.path("registration_mode").asText()).isEqualTo("invite");
            assertThat(config.path("oidc_providers")).isEmpty();

            assertThat(api.get("/api/v1/users/me", admin).json().path("admin").asBoolean()).isTrue();
            assertThat(register(api, "nocode", null).errorCode()).isEqualTo("invite_required");
            assertThat(register(api, "nocode", null).status()).isEqualTo(403);
            assertThat(register(api, "badcode", "not-a-code").errorCode()).isEqualTo("invite_required");

            JsonNode twice = api.post("/api/v1/admin/invites", admin, Api.obj("max_uses", 2)).json();
            assertThat(twice.path("url").asText()).isEqualTo(NODE.baseUrl() + "/#invite=" + twice.path("code").asText());
            assertThat(twice.path("uses").asInt()).isZero();
            String code = twice.path("code").asText();
            assertThat(register(api, "guest1", code).status()).isEqualTo(201);
            assertThat(register(api, "guest2", code).status()).isEqualTo(201);
            Api.Reply third = register(api, "guest3", code);
            assertThat(third.status()).as("an invite past its uses").isEqualTo(403);
            assertThat(third.errorCode()).isEqualTo("invite_required");

            JsonNode listed = api.get("/api/v1/admin/invites", admin).json().path("invites");
            assertThat(listed).anySatisfy(i -> {
                assertThat(i.path("code").asText()).isEqualTo(code);
                assertThat(i.path("uses").asInt()).isEqualTo(2);
                assertThat(i.path("max_uses").asInt()).isEqualTo(2);
            });
            assertThat(api.get("/api/v1/users/me", api.post("/api/v1/auth/login", null,
                    Api.obj("username", "guest1", "password", "long enough")).json().path("token").asText())
                    .json().path("admin").asBoolean()).as("an ordinary invite makes no admin").isFalse();
        }

        @Test
        void aFailedSignUpGivesTheUseBack() {
            Api api = NODE.api();
            String code = api.post("/api/v1/admin/invites", admin, Api.obj("max_uses", 1)).json().path("code").asText();

            assertThat(register(api, "boss", code).errorCode()).as("a taken username").isEqualTo("username_taken");
            assertThat(register(api, "x", code).errorCode()).isEqualTo("invalid_username");
            assertThat(register(api, "fresh_guest", code).status()).as("the invite is still usable").isEqualTo(201);
        }

        @Test
        void anExpiredOrRevokedInviteIsRefused() throws InterruptedException {
            Api api = NODE.api();
            JsonNode expiring = api.post("/api/v1/admin/invites", admin, Api.obj("expires_in_seconds", 1)).json();
            String revoked = api.post("/api/v1/admin/invites", admin, Api.obj()).json().path("code").asText();
            assertThat(expiring.path("max_uses").isNull()).isTrue();
            assertThat(expiring.path("expires_at").asText()).isNotEmpty();

            assertThat(api.delete("/api/v1/admin/invites/" + revoked, admin).status()).isEqualTo(204);
            assertThat(api.delete("/api/v1/admin/invites/" + revoked, admin).status()).isEqualTo(404);
            assertThat(register(api, "late_guest", revoked).errorCode()).isEqualTo("invite_required");

            Thread.sleep(1_200); // the invite's expiry is a wall-clock second away
            Api.Reply expired = register(api, "late_guest", expiring.path("code").asText());
            assertThat(expired.status()).as("an invite past its expiry").isEqualTo(403);
            assertThat(expired.errorCode()).isEqualTo("invite_required");
            assertThat(api.post("/api/v1/admin/invites", admin, Api.obj("max_uses", 0)).errorCode()).isEqualTo("invalid_request");
        }
    }

    @Nested
    class ClosedMode {
        @RegisterExtension
        static final TestNode NODE = new TestNode().with("registration.mode", "closed");

        @Test
        void nobodySignsUpButAdminsCreateAccountsAndTheSetupInviteStillWorksOnce() {
            Api api = NODE.api();
            assertThat(api.get("/api/v1/auth/config", null).json().path("registration_mode").asText()).isEqualTo("closed");
            String line = NODE.node().setupLine().orElseThrow();
            String setup = line.substring(line.indexOf("#invite=") + 8, line.indexOf(" to create"));

            Api.Reply refused = register(api, "walkin", null);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("registration_closed");

            Api.Reply boss = register(api, "boss", setup);
            assertThat(boss.status()).isEqualTo(201);
            String admin = boss.json().path("token").asText();
            assertThat(register(api, "second_boss", setup).status()).as("the setup invite works once").isEqualTo(403);
            String invite = api.post("/api/v1/admin/invites", admin, Api.obj()).json().path("code").asText();
            assertThat(register(api, "invited", invite).errorCode()).as("closed means closed").isEqualTo("registration_closed");

            assertThat(api.post("/api/v1/admin/users", admin, Api.obj("username", "staff", "password", "long enough")).status())
                    .isEqualTo(201);
            assertThat(api.post("/api/v1/auth/login", null, Api.obj("username", "staff", "password", "long enough")).status())
                    .isEqualTo(200);
            NODE.restart();
            assertThat(NODE.node().setupLine()).isEmpty();
        }
    }

    @Nested
    class OpenMode {
        @RegisterExtension
        static final TestNode NODE = new TestNode();

        @Test
        void anyoneSignsUpAndTheConfigSaysSo() {
            Api api = NODE.api();
            assertThat(api.get("/api/v1/auth/config", null).json().path("registration_mode").asText()).isEqualTo("open");
            assertThat(register(api, "anyone", null).status()).isEqualTo(201);
            assertThat(register(api, "anyone_else", "ignored-code").status()).isEqualTo(201);
        }
    }
}
