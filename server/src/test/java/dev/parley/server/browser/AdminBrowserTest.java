package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.server.browser.Browsers.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin page in a browser: the first account of an open node sees it; it finds users, deactivates one (whose
 * open app is signed out at once) and reactivates them, makes an admin, hands out a password reset link and an
 * invite. Then the account dialog: a bot with a token shown once, tagged BOT where it appears.
 */
class AdminBrowserTest {
    @RegisterExtension
    @Order(1)
    static final TestNode NODE = new TestNode();
    @RegisterExtension
    @Order(2)
    static final Browsers BROWSERS = new Browsers(NODE);

    private static Locator userRow(Page page, String username) {
        return page.locator("[data-testid=admin-user][data-username='" + username + "']");
    }

    @Test
    void anAdminManagesUsersAndInvitesAndAUserManagesBots() {
        Page admin = BROWSERS.user();
        signUp(admin, BROWSERS.baseUrl(), "root", "Root Admin", "correct horse battery");
        Api api = NODE.api();
        Api.Account victim = api.register("victim");
        Page victimPage = BROWSERS.loggedIn(victim.token());

        assertThat(admin.getByTestId("admin-button")).isVisible();
        admin.getByTestId("admin-button").click();
        assertThat(admin.getByTestId("admin-dialog")).isVisible();
        admin.getByTestId("admin-search").fill("victim");
        assertThat(admin.getByTestId("admin-user")).hasCount(1);
        Locator row = userRow(admin, victim.username());

        row.getByTestId("admin-deactivate").click();
        assertThat(row.getByTestId("deactivated-pill")).isVisible();
        assertThat(victimPage.getByTestId("auth-screen")).isVisible();
        assertThat(victimPage.getByTestId("auth-notice")).isVisible();
        assertThat(api.login(victim.username(), "correct horse").errorCode()).isEqualTo("account_deactivated");

        row.getByTestId("admin-reactivate").click();
        assertThat(row.getByTestId("deactivated-pill")).hasCount(0);
        row.getByTestId("admin-make").click();
        assertThat(row.getByTestId("admin-pill")).isVisible();
        row.getByTestId("admin-reset").click();
        assertThat(admin.getByTestId("reset-link")).containsText("/#reset=");
        admin.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target", "screenshots", "admin.png")));
        String resetUrl = admin.getByTestId("reset-link").textContent();

        admin.getByTestId("admin-tab-invites").click();
        admin.getByTestId("invite-max-uses").fill("3");
        admin.getByTestId("invite-create").click();
        assertThat(admin.getByTestId("invite-item")).hasCount(1);
        assertThat(admin.getByTestId("invite-url")).containsText("/#invite=");
        assertThat(admin.getByTestId("invite-item")).containsText("0 of 3 uses");
        admin.getByTestId("invite-revoke").click();
        assertThat(admin.getByTestId("invite-item")).hasCount(0);
        admin.getByTestId("dialog-close").click();

        // the reset link sets a new password in the victim's browser
        Page reset = BROWSERS.user();
        reset.navigate(resetUrl);
        assertThat(reset.getByTestId("reset-form")).isVisible();
        assertThat(reset).hasURL(BROWSERS.baseUrl() + "/#/");
        reset.getByTestId("reset-password").fill("brand new secret");
        reset.getByTestId("reset-submit").click();
        assertThat(reset.getByTestId("login-form")).isVisible();
        assertThat(api.login(victim.username(), "brand new secret").status()).isEqualTo(200);

        // a bot with a token, added to a channel, tagged BOT
        admin.getByTestId("account-button").click();
        admin.getByTestId("open-bots").click();
        assertThat(admin.getByTestId("bots-dialog")).isVisible();
        admin.getByTestId("bot-username").fill("builder");
        admin.getByTestId("bot-display-name").fill("Build Bot");
        admin.getByTestId("bot-create").click();
        assertThat(admin.getByTestId("bot-item")).hasCount(1);
        admin.getByTestId("token-name").fill("ci");
        admin.getByTestId("token-create").click();
        assertThat(admin.getByTestId("token-secret")).isVisible();
        admin.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target", "screenshots", "bots.png")));
        String secret = admin.getByTestId("token-secret").textContent();
        assertThat(admin.getByTestId("token-item")).hasCount(1);
        assertThat(api.get("/api/v1/users/me", secret).json().path("username").asText()).isEqualTo("builder");
        admin.getByTestId("dialog-close").click();

        String rootToken = Browsers.token(admin);
        String channel = api.post("/api/v1/channels", rootToken, Api.obj("name", "builds", "visibility", "private")).json().path("id").asText();
        String botId = api.get("/api/v1/users/me", secret).json().path("id").asText();
        api.put("/api/v1/channels/" + channel + "/members/" + botId, rootToken);
        api.post("/api/v1/conversations/" + channel + "/messages", secret, Api.obj("content", "build 42 is green"));
        Browsers.conversationItem(admin, channel).click();
        Locator posted = Browsers.message(admin, "build 42 is green");
        assertThat(posted.getByTestId("bot-tag")).hasText("BOT");
        assertThat(admin.getByTestId("member-list").getByTestId("bot-tag")).hasCount(1);

        // the account dialog changes the password
        admin.getByTestId("account-button").click();
        admin.getByTestId("current-password").fill("correct horse battery");
        admin.getByTestId("new-password").fill("even better horse");
        admin.getByTestId("password-save").click();
        assertThat(admin.getByTestId("toast").first()).containsText("Password changed");
        assertThat(api.login("root", "even better horse").status()).isEqualTo(200);
    }

    @Test
    void aUserDeletesTheirAccountFromTheAccountDialog() {
        Page page = BROWSERS.user();
        signUp(page, BROWSERS.baseUrl(), "short_lived", "Short Lived", "correct horse battery");
        assertThat(page.getByTestId("admin-button")).isHidden();
        page.getByTestId("account-button").click();
        page.getByTestId("delete-password").fill("not my password");
        page.getByTestId("delete-account").click();
        page.getByTestId("confirm-ok").click();
        assertThat(page.getByTestId("delete-error")).hasAttribute("data-error-code", "invalid_credentials");
        assertThat(page.getByTestId("app")).isVisible(); // a wrong password does not sign out
        page.getByTestId("delete-password").fill("correct horse battery");
        page.getByTestId("delete-account").click();
        page.getByTestId("confirm-ok").click();
        assertThat(page.getByTestId("auth-screen")).isVisible();
        assertThat(page.getByTestId("auth-notice")).containsText("deleted");
        assertThat(NODE.api().login("short_lived", "correct horse battery").status()).isEqualTo(401);
    }
}
