package dev.parley.distribution;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.parley.server.support.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * deploy/compose.yaml, unchanged, brought up by podman-compose on the image of this build, then used by two people in
 * headless Chromium (Debian's, driven by Playwright as the server's browser tests do); brought down and up again, the
 * conversation is still there.
 */
@Tag("packaged")
class ComposeBrowserIT {
    @RegisterExtension
    static final Images IMAGES = new Images();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final double TIMEOUT_MS = 20_000;

    private final int port = Dist.freePort();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @Test
    void theOneNodeComposeFileServesTheWebClientToTwoPeopleAndKeepsTheirChatAcrossARestart() {
        assumeTrue(Compose.available(), "podman-compose is not installed (.ci/prepare installs it)");
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/prepare installs it)");
        Compose compose = new Compose("compose.yaml", Map.of("PARLEY_IMAGE", IMAGES.parley(), "PARLEY_PORT", Integer.toString(port)));
        toClose.add(compose);
        String url = "http://127.0.0.1:" + port;
        compose.up();
        compose.awaitHealthy(Duration.ofSeconds(60), "parley");
        String container = compose.container("parley");
        JsonNode mounts = json(Podman.ok("inspect", "--format", "{{json .Mounts}}", container).out());
        assertThat(mounts.get(0).path("Name").asText()).endsWith("_parley-data");
        assertThat(mounts.get(0).path("Destination").asText()).isEqualTo("/var/lib/parley");

        Playwright playwright = Playwright.create();
        toClose.add(playwright);
        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync")));
        Page alice = person(browser);
        Page bob = person(browser);
        signUp(alice, url, "alice", "Alice Compose");
        signUp(bob, url, "bob", "Bob Compose");

        alice.getByTestId("new-channel-button").click();
        alice.getByTestId("channel-name-input").fill("deployed");
        alice.getByTestId("channel-visibility-select").selectOption("private");
        alice.getByTestId("channel-create-submit").click();
        assertThat(alice.getByTestId("conversation-title")).hasText("deployed");
        String channelId = alice.url().substring(alice.url().indexOf("#/c/") + 4);
        alice.getByTestId("add-member-input").fill("bob");
        alice.getByTestId("add-member-submit").click();
        assertThat(alice.getByTestId("members-title")).hasText("Members — 2");

        Locator atBob = bob.locator("[data-testid=conversation-item][data-conversation-id=\"" + channelId + "\"]");
        assertThat(atBob).isVisible();
        atBob.click();
        send(alice, "Hello from the compose file");
        assertThat(message(bob, "Hello from the compose file")).isVisible();
        send(bob, "Served from a container");
        assertThat(message(alice, "Served from a container")).isVisible();

        // stopped as docs/operations.md says: drained, exit 143
        compose.stop();
        assertThat(Podman.ok("inspect", "--format", "{{.State.ExitCode}}", container).out().strip()).isEqualTo("143");
        assertThat(Podman.ok("logs", container).out()).contains("Parley stopped");
        // down and up again: a new container on the same named volume
        compose.down();
        compose.up();
        compose.awaitHealthy(Duration.ofSeconds(60), "parley");
        bob.reload();
        assertThat(bob.getByTestId("conversation-title")).hasText("deployed");
        assertThat(message(bob, "Hello from the compose file")).isVisible();
        assertThat(message(bob, "Served from a container")).isVisible();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private Page person(Browser browser) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800).setLocale("en-GB"));
        context.setDefaultTimeout(TIMEOUT_MS);
        toClose.add(context);
        Page page = context.newPage();
        page.onPageError(e -> System.out.println("[page error] " + e));
        return page;
    }

    private static void signUp(Page page, String url, String username, String displayName) {
        page.navigate(url + "/");
        page.getByTestId("switch-to-signup").click();
        page.getByTestId("username").fill(username);
        page.getByTestId("display-name").fill(displayName);
        page.getByTestId("password").fill("correct horse battery");
        page.getByTestId("signup-submit").click();
        assertThat(page.getByTestId("my-display-name")).hasText(displayName);
    }

    private static void send(Page page, String content) {
        Locator composer = page.getByTestId("composer");
        composer.fill(content);
        composer.press("Enter");
        assertThat(composer).hasValue("");
    }

    private static Locator message(Page page, String content) {
        return page.getByTestId("message").filter(new Locator.FilterOptions().setHas(page.getByTestId("message-content")
                .getByText(content, new Locator.GetByTextOptions().setExact(true))));
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(text, e);
        }
    }
}
