package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.microsoft.playwright.Page;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scrolling up through a long conversation loads every older page, in order, keeping the reader's place. */
class HistoryScrollBrowserTest {
    @RegisterExtension
    @Order(1)
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000");
    @RegisterExtension
    @Order(2)
    static final Browsers BROWSERS = new Browsers(NODE);

    private static final int MESSAGES = 250;

    @Test
    void scrollingToTheTopLoadsAllOlderMessagesOnceInOrder() {
        Api api = NODE.api();
        Account alice = api.register("ha");
        Account bob = api.register("hb");
        String channel = api.channel(alice, "long-history", "private");
        api.addMember(alice, channel, bob);
        List<Long> seqs = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        for (int i = 1; i <= MESSAGES; i++) {
            // Every tenth message is two lines, so the pages are not all of one height.
            String content = "history message #" + i + (i % 10 == 0 ? "\nwith a second line" : "");
            Api.Reply r = api.send(i % 3 == 0 ? bob : alice, channel, content);
            assertThat(r.status()).isEqualTo(201);
            seqs.add(r.json().path("seq").asLong());
            contents.add(content);
        }
        assertThat(seqs).isSorted().doesNotHaveDuplicates();

        Page page = BROWSERS.loggedIn(bob.token());
        page.navigate(BROWSERS.baseUrl() + "/#/c/" + channel);
        // The newest page, shown at the bottom.
        assertThat(page.getByTestId("message")).hasCount(100);
        assertThat(page.getByTestId("message").last()).hasAttribute("data-seq", String.valueOf(seqs.getLast()));
        assertThat(page.getByTestId("message").last()).isInViewport();
        assertThat(page.getByTestId("history-start")).hasCount(0);

        int loads = 0;
        while (page.getByTestId("history-start").count() == 0) {
            assertThat(loads).as("pages loaded").isLessThan(5);
            // Scroll to the very top; note where the topmost message is.
            @SuppressWarnings("unchecked")
            Map<String, Object> before = (Map<String, Object>) page.evaluate("() => {"
                    + " const list = document.querySelector('[data-testid=message-list]');"
                    + " list.scrollTop = 0;"
                    + " const top = list.querySelector('[data-testid=message]');"
                    + " return { seq: top.dataset.seq, offset: top.getBoundingClientRect().top - list.getBoundingClientRect().top }; }");
            String topSeq = (String) before.get("seq");
            double offsetBefore = ((Number) before.get("offset")).doubleValue();
            // An older page arrives above it...
            page.waitForFunction("(seq) => {"
                    + " const top = document.querySelector('[data-testid=message-list] [data-testid=message]');"
                    + " return top && top.dataset.seq !== seq; }", topSeq);
            loads++;
            // ...and the message that was at the top has not moved: the reader keeps their place.
            double offsetAfter = ((Number) page.evaluate("(seq) => {"
                    + " const list = document.querySelector('[data-testid=message-list]');"
                    + " const el = list.querySelector(`[data-testid=message][data-seq=\"${seq}\"]`);"
                    + " return el.getBoundingClientRect().top - list.getBoundingClientRect().top; }", topSeq)).doubleValue();
            assertThat(offsetAfter).as("offset of message seq %s after loading older ones", topSeq)
                    .isCloseTo(offsetBefore, offset(2.0));
            assertThat(page.locator("[data-testid=message][data-seq=\"" + topSeq + "\"]")).isInViewport();
            // Wait for the loading line to settle into either the next "load older" or the start.
            assertThat(page.locator("[data-testid=load-older], [data-testid=history-start]")).hasCount(1);
        }
        assertThat(loads).isEqualTo(2);

        // Everything exactly once, in seq order, with the right text.
        assertThat(page.getByTestId("message")).hasCount(MESSAGES);
        @SuppressWarnings("unchecked")
        List<String> domSeqs = (List<String>) page.evaluate(
                "() => [...document.querySelectorAll('[data-testid=message]')].map((m) => m.dataset.seq)");
        assertThat(domSeqs).containsExactlyElementsOf(seqs.stream().map(String::valueOf).toList());
        @SuppressWarnings("unchecked")
        List<String> domContents = (List<String>) page.evaluate(
                "() => [...document.querySelectorAll('[data-testid=message-content]')].map((m) => m.textContent)");
        assertThat(domContents).containsExactlyElementsOf(contents);
        // Far from the bottom now: "Jump to latest" is offered. At the very top, the start is shown.
        assertThat(page.getByTestId("jump-to-bottom")).isVisible();
        page.evaluate("() => { document.querySelector('[data-testid=message-list]').scrollTop = 0; }");
        assertThat(page.getByTestId("history-start")).isInViewport();
        assertThat(page.getByTestId("message").first()).isInViewport();
        assertThat(page.getByTestId("message")).hasCount(MESSAGES);
    }
}
