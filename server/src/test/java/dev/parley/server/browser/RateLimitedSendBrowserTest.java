package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.server.browser.Browsers.conversationItem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A send the rate limit refuses is tried again in its place: nothing typed after it overtakes it. */
class RateLimitedSendBrowserTest {
    @RegisterExtension
    @Order(1)
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "3").with("rate.limit.send.per.second", "1");
    @RegisterExtension
    @Order(2)
    static final Browsers BROWSERS = new Browsers(NODE);

    @Test
    void refusedSendsAreRetriedInOrderAndTheNoticeGoesOnceTheyAreSent() {
        Api api = NODE.api();
        Account alice = api.register("alice");
        String room = api.channel(alice, "bursty", "private");
        Page page = BROWSERS.loggedIn(alice.token());
        conversationItem(page, room).click();
        Locator composer = page.getByTestId("composer");
        List<String> typed = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            typed.add("message " + i);
            composer.fill("message " + i);
            composer.press("Enter");
        }

        assertThat(page.getByTestId("composer-error")).isVisible();
        assertThat(page.getByTestId("message-pending")).hasCount(0, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(20_000));
        assertThat(page.getByTestId("composer-error")).isHidden();
        assertThat(page.getByTestId("message").getByTestId("message-content")).hasText(typed.toArray(String[]::new));
        List<String> stored = new ArrayList<>();
        JsonNode history = api.get("/api/v1/conversations/" + room + "/messages?after_seq=0", alice.token()).json();
        history.path("messages").forEach(m -> stored.add(m.path("content").asText()));
        assertThat(stored).isEqualTo(typed);
    }
}
