package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.server.browser.Browsers.message;
import static dev.parley.server.browser.Browsers.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node goes away under an open client: it says so, comes back by itself and loses nothing. */
class ReconnectBrowserTest {
    @RegisterExtension
    @Order(1)
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000");
    @RegisterExtension
    @Order(2)
    static final Browsers BROWSERS = new Browsers(NODE);

    @Test
    void survivesARestartAndDeliversWhatWasTypedWhileDown() {
        Api api = NODE.api(); // the node keeps its port across restarts, so this client keeps working
        Account alice = api.register("ca");
        Account bob = api.register("cb");
        String channel = api.channel(alice, "restarts", "private");
        api.addMember(alice, channel, bob);
        assertThat(api.send(alice, channel, "before the restart").status()).isEqualTo(201);

        Page page = BROWSERS.loggedIn(bob.token());
        page.navigate(BROWSERS.baseUrl() + "/#/c/" + channel);
        Locator banner = page.getByTestId("connection-banner");
        assertThat(message(page, "before the restart")).isVisible();
        // Live: a message sent now arrives over the gateway.
        assertThat(api.send(alice, channel, "live before the restart").status()).isEqualTo(201);
        assertThat(message(page, "live before the restart")).isVisible();
        assertThat(banner).isHidden();

        // 1. A plain restart. The banner may be up only briefly, so the page records whether it showed.
        page.evaluate("() => { window.__bannerShown = false;"
                + " const b = document.querySelector('[data-testid=connection-banner]');"
                + " new MutationObserver(() => { if (!b.hidden && b.offsetHeight > 0) window.__bannerShown = true; })"
                + "   .observe(b, { attributes: true, childList: true, subtree: true, characterData: true }); }");
        NODE.restart();
        Api.Reply during = api.send(alice, channel, "sent just after the restart");
        assertThat(during.status()).isEqualTo(201);
        page.waitForFunction("() => window.__bannerShown === true");
        assertThat(banner).isHidden(); // reconnected on its own, nobody clicked "Retry now"
        assertThat(message(page, "sent just after the restart")).isVisible();
        assertThat(message(page, "sent just after the restart")).hasCount(1);

        // 2. Down for a while: the banner is up, and a message typed now waits in the outbox.
        NODE.stop();
        assertThat(banner).isVisible();
        assertThat(page.getByTestId("connection-status")).containsText("Reconnecting");
        send(page, "typed while the server was down");
        Locator pending = page.getByTestId("message-pending");
        assertThat(pending).hasCount(1);
        assertThat(pending).hasAttribute("data-status", "queued");
        assertThat(pending.getByTestId("message-pending-status")).hasText("Waiting for connection…");
        assertThat(message(page, "typed while the server was down")).hasCount(0);

        NODE.start();
        assertThat(api.send(alice, channel, "sent while the client was still away").status()).isEqualTo(201);
        assertThat(banner).isHidden();
        assertThat(message(page, "typed while the server was down")).isVisible();
        assertThat(message(page, "sent while the client was still away")).isVisible();
        assertThat(pending).hasCount(0);
        page.waitForFunction("() => localStorage.getItem('parley.outbox') === null");

        // Exactly one copy on the server, and everything in order in the window.
        List<String> history = history(api, bob, channel);
        assertThat(history.stream().filter("typed while the server was down"::equals).count()).isEqualTo(1);
        assertThat(history).containsSubsequence("before the restart", "live before the restart", "sent just after the restart");
        assertThat(history).contains("sent while the client was still away");
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) page.evaluate(
                "() => [...document.querySelectorAll('[data-testid=message-content]')].map((m) => m.textContent)");
        assertThat(shown).containsExactlyElementsOf(history);

        // Still live: a new message arrives without a reload.
        assertThat(api.send(alice, channel, "after everything").status()).isEqualTo(201);
        assertThat(message(page, "after everything")).isVisible();
    }

    /** The channel's messages, oldest first. */
    private static List<String> history(Api api, Account reader, String channel) {
        JsonNode page = api.get("/api/v1/conversations/" + channel + "/messages?limit=100", reader.token()).json();
        assertThat(page.path("has_more").asBoolean()).isFalse();
        List<JsonNode> messages = new ArrayList<>();
        page.path("messages").forEach(messages::add);
        messages.sort(Comparator.comparingLong(m -> m.path("seq").asLong()));
        return messages.stream().map(m -> m.path("content").asText()).toList();
    }
}
