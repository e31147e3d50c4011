package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-up on an invite-only node: the screen asks for an invite, and a /#invite=CODE link fills it in. */
class InviteSignupBrowserTest {
    @RegisterExtension
    @Order(1)
    static final TestNode NODE = new TestNode().with("registration.mode", "invite");
    @RegisterExtension
    @Order(2)
    static final Browsers BROWSERS = new Browsers(NODE);

    @Test
    void theSetupLinkMakesTheAdminAndAnInviteLinkSignsSomeoneUp() {
        String line = NODE.node().setupLine().orElseThrow();
        String setupUrl = line.substring("Parley setup: open ".length(), line.indexOf(" to create"));
        Page boss = BROWSERS.user();
        boss.navigate(setupUrl);
        assertThat(boss.getByTestId("signup-form")).isVisible();
        assertThat(boss.getByTestId("invite-code")).not().hasValue("");
        boss.getByTestId("username").fill("boss");
        boss.getByTestId("password").fill("correct horse battery");
        boss.getByTestId("signup-submit").click();
        assertThat(boss.getByTestId("app")).isVisible();
        assertThat(boss.getByTestId("admin-button")).isVisible();
        String invite = NODE.api().post("/api/v1/admin/invites", Browsers.token(boss), Api.obj("max_uses", 1)).json().path("url").asText();

        // without an invite the sign-up form says it needs one
        Page stranger = BROWSERS.user();
        stranger.navigate(BROWSERS.baseUrl() + "/");
        stranger.getByTestId("switch-to-signup").click();
        assertThat(stranger.getByTestId("invite-code")).isVisible();
        stranger.getByTestId("username").fill("stranger");
        stranger.getByTestId("password").fill("correct horse battery");
        stranger.getByTestId("invite-code").fill("made-up");
        stranger.getByTestId("signup-submit").click();
        assertThat(stranger.getByTestId("auth-error")).hasAttribute("data-error-code", "invite_required");

        Page guest = BROWSERS.user();
        guest.navigate(invite);
        assertThat(guest.getByTestId("invite-notice")).isVisible();
        guest.getByTestId("username").fill("guest");
        guest.getByTestId("display-name").fill("Invited Guest");
        guest.getByTestId("password").fill("correct horse battery");
        guest.getByTestId("signup-submit").click();
        assertThat(guest.getByTestId("app")).isVisible();
        assertThat(guest.getByTestId("my-display-name")).hasText("Invited Guest");
        assertThat(guest.getByTestId("admin-button")).isHidden();
    }
}
