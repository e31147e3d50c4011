package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.server.browser.Browsers.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Log events lost on the way to an open client are read back from the log when the next one shows the gap. */
class GapRepairBrowserTest {
    @RegisterExtension
    @Order(1)
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000");
    @RegisterExtension
    @Order(2)
    static final Browsers BROWSERS = new Browsers(NODE);

    @Test
    void aSeqGapSeenLiveIsRepairedFromTheLogWithEditsDeletionsAndMemberChanges() {
        Api api = NODE.api();
        Account alice = api.register("ga");
        Account bob = api.register("gb");
        Account carol = api.register("gc");
        String channel = api.channel(alice, "gaps", "private");
        api.addMember(alice, channel, bob);
        String first = api.send(alice, channel, "first words").json().path("id").asText();
        String doomed = api.send(alice, channel, "to be deleted").json().path("id").asText();

        // bob's browser talks to the gateway through a proxy that can drop the server's log events
        AtomicBoolean dropping = new AtomicBoolean();
        AtomicInteger dropped = new AtomicInteger();
        Page page = BROWSERS.user();
        page.routeWebSocket("**/gateway", ws -> {
            WebSocketRoute server = ws.connectToServer();
            server.onMessage(frame -> {
                String text = frame.text();
                if (dropping.get() && text.contains("\"seq\":")) {
                    dropped.incrementAndGet();
                } else {
                    ws.send(text);
                }
            });
        });
        page.context().addInitScript("localStorage.setItem('parley.token', '" + bob.token() + "');");
        page.navigate(BROWSERS.baseUrl() + "/#/c/" + channel);
        assertThat(message(page, "first words")).isVisible();
        assertThat(message(page, "to be deleted")).isVisible();

        dropping.set(true);
        assertThat(api.patch("/api/v1/conversations/" + channel + "/messages/" + first, alice.token(),
                Api.obj("content", "first words, edited")).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/conversations/" + channel + "/messages/" + doomed, alice.token()).status())
                .isEqualTo(204);
        api.addMember(alice, channel, carol);
        page.waitForCondition(() -> dropped.get() == 3);
        dropping.set(false);
        assertThat(message(page, "first words, edited")).hasCount(0);

        assertThat(api.send(alice, channel, "after the gap").status()).isEqualTo(201);

        assertThat(message(page, "after the gap")).isVisible();
        assertThat(message(page, "first words, edited")).isVisible();
        assertThat(message(page, "to be deleted")).hasCount(0);
        assertThat(page.getByTestId("conversation-topic")).containsText("3 members");
    }
}
