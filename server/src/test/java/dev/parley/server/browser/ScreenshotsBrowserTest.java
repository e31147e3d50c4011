package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ScreenshotAnimations;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pictures of the main views, taken from a small seeded conversation, written to server/target/screenshots on
 * every run (docs/screenshots holds copies made on purpose; see README). Each picture is only the window, never a
 * full-page capture.
 */
class ScreenshotsBrowserTest {
    @RegisterExtension
    @Order(1)
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000");
    @RegisterExtension
    @Order(2)
    static final Browsers BROWSERS = new Browsers(NODE);

    @Test
    void mainViews() throws IOException {
        Path dir = Browsers.screenshotDir();
        Api api = NODE.api();
        Account alice = account(api, "alice", "Alice Martin");
        Account bob = account(api, "bob", "Bob Chen");
        Account carol = account(api, "carol", "Carol Díaz");
        assertThat(api.patch("/api/v1/users/me", carol.token(), obj("status_text", "Reviewing mockups")).status()).isEqualTo(200);

        String general = api.channel(alice, "general", "public");
        String design = api.post("/api/v1/channels", alice.token(),
                obj("name", "design", "topic", "Mockups, reviews and the colour of the bikeshed", "visibility", "public"))
                .json().path("id").asText();
        for (String ch : new String[] {general, design}) {
            api.addMember(alice, ch, bob);
            api.addMember(alice, ch, carol);
        }
        api.send(carol, general, "@alice Lunch at 12:30?");
        String dm = api.post("/api/v1/dms", bob.token(), obj("username", "alice")).json().path("id").asText();
        api.send(bob, dm, "Have you got a minute for the sidebar review?");

        String first = post(api, bob, design, "Morning! I pushed the new **sidebar** mockups: https://example.com/mockups/sidebar", null);
        post(api, carol, design, "Looks great. Could we try a slightly darker accent for the unread badges?", null);
        String q = post(api, alice, design, "Sure, the colours are tokens at the top of `theme.css`, so it's a one-line change.", null);
        post(api, bob, design, "Perfect, I'll try _two_ variants and post both.", q);
        post(api, bob, design, "Variant A is up; B follows after lunch. @alice which one do you prefer?", null);
        String edited = post(api, carol, design, "Also: the phone layout needs a bigger tap target for the menu.", null);
        assertThat(api.patch("/api/v1/conversations/" + design + "/messages/" + edited, carol.token(),
                obj("content", "Also: the phone layout needs a bigger tap target for the menu button.")).status()).isEqualTo(200);
        post(api, alice, design, "Agreed. Let's ship it this week.\n```\nmenu-button: 44 × 44 px\n```", null);
        assertThat(first).isNotBlank();

        // Bob is online on his phone (so the members panel shows someone online besides Alice).
        Page phone = BROWSERS.loggedIn(bob.token(), 390, 844);
        phone.navigate(BROWSERS.baseUrl() + "/#/c/" + design);
        assertThat(phone.getByTestId("message")).hasCount(7);
        assertThat(phone.getByTestId("menu-button")).isVisible();
        assertThat(phone.getByTestId("sidebar")).not().isInViewport();
        shot(phone, dir.resolve("phone-chat.png"));
        phone.getByTestId("menu-button").click();
        assertThat(phone.getByTestId("sidebar")).isInViewport();
        assertThat(phone.getByTestId("conversation-item")).hasCount(3);
        shot(phone, dir.resolve("phone-sidebar.png"));

        // Alice logs in through the form at 1280×800: channel, members panel, light then dark.
        Page page = BROWSERS.user(1280, 800);
        page.navigate(BROWSERS.baseUrl() + "/#/c/" + design);
        assertThat(page.getByTestId("login-form")).isVisible();
        page.getByTestId("username").fill("alice");
        page.getByTestId("password").fill("correct horse battery");
        page.getByTestId("password").press("Enter");
        assertThat(page.getByTestId("app")).isVisible();
        assertThat(page.getByTestId("conversation-title")).hasText("design");
        assertThat(page.getByTestId("message")).hasCount(7);
        assertThat(page.getByTestId("system-line")).hasCount(2);
        assertThat(page.locator(".msg-grouped")).hasCount(1);
        assertThat(page.locator(".msg-mentions-me")).hasCount(1);
        assertThat(page.locator("[data-testid=conversation-item][data-conversation-id=\"" + general + "\"] [data-testid=mention-badge]"))
                .hasText("@1");
        assertThat(page.getByTestId("members-panel")).isVisible();
        assertThat(page.getByTestId("member-item")).hasCount(3);
        assertThat(page.locator("[data-testid=member-item][data-user-id=\"" + bob.id() + "\"] [data-testid=presence-dot]"))
                .hasAttribute("data-status", "online");
        assertThat(page.getByTestId("message-reply-quote")).hasCount(1);
        assertThat(page.getByTestId("message-edited")).hasCount(1);
        assertThat(page.locator("[data-testid=conversation-item][data-kind=dm] [data-testid=unread-badge]")).hasText("1");
        page.getByTestId("composer").pressSequentially("A looks best, thanks @b");
        assertThat(page.getByTestId("mention-option")).hasCount(1);
        shot(page, dir.resolve("chat.png"));
        page.getByTestId("composer").press("Escape");

        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        assertThat(page.locator("body")).not().hasCSS("background-color", "rgb(255, 255, 255)");
        shot(page, dir.resolve("chat-dark.png"));
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));

        page.getByTestId("channel-settings-button").click();
        assertThat(page.getByTestId("channel-settings-dialog")).isVisible();
        assertThat(page.getByTestId("channel-settings-name")).hasValue("design");
        shot(page, dir.resolve("channel-settings.png"));
        page.getByTestId("dialog-close").click();
        assertThat(page.getByTestId("channel-settings-dialog")).hasCount(0);

        page.getByTestId("notification-settings-button").click();
        assertThat(page.getByTestId("notification-settings-dialog")).isVisible();
        assertThat(page.getByTestId("notify-all")).isChecked();
        shot(page, dir.resolve("notifications.png"));
        page.getByTestId("dialog-close").click();

        page.getByTestId("sessions-button").click();
        assertThat(page.getByTestId("sessions-dialog")).isVisible();
        // The sign-up's session and this browser's login.
        assertThat(page.getByTestId("session-item")).hasCount(2);
        assertThat(page.locator("[data-testid=session-item][data-current=true]")).hasCount(1);
        shot(page, dir.resolve("sessions.png"));

        // Logged out: the log-in and sign-up forms.
        Page visitor = BROWSERS.user(1280, 800);
        visitor.navigate(BROWSERS.baseUrl() + "/");
        assertThat(visitor.getByTestId("login-form")).isVisible();
        shot(visitor, dir.resolve("login.png"));
        visitor.getByTestId("switch-to-signup").click();
        assertThat(visitor.getByTestId("signup-form")).isVisible();
        visitor.getByTestId("username").fill("dana!");
        visitor.getByTestId("password").pressSequentially("short");
        visitor.getByTestId("username").focus();
        visitor.getByTestId("display-name").fill("Dana Okafor");
        assertThat(visitor.getByTestId("username-error")).isVisible();
        assertThat(visitor.getByTestId("password-error")).isVisible();
        shot(visitor, dir.resolve("signup.png"));

        for (String name : new String[] {"phone-chat", "phone-sidebar", "chat", "chat-dark", "channel-settings", "notifications",
            "sessions", "login", "signup"}) {
            Path file = dir.resolve(name + ".png");
            assertThat(Files.size(file)).as(name).isBetween(5_000L, 600_000L);
        }
    }

    private static void shot(Page page, Path file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setAnimations(ScreenshotAnimations.DISABLED));
    }

    private static Account account(Api api, String username, String displayName) {
        Api.Reply r = api.post("/api/v1/auth/register", null,
                obj("username", username, "password", "correct horse battery", "display_name", displayName));
        assertThat(r.status()).isEqualTo(201);
        JsonNode j = r.json();
        return new Account(j.path("user").path("id").asText(), username, j.path("token").asText(), j.path("session_id").asText());
    }

    private static String post(Api api, Account author, String conversation, String content, String replyTo) {
        Api.Reply r = api.post("/api/v1/conversations/" + conversation + "/messages", author.token(),
                replyTo == null ? obj("content", content) : obj("content", content, "reply_to", replyTo));
        assertThat(r.status()).isEqualTo(201);
        return r.json().path("id").asText();
    }
}
