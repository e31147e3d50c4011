package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.server.browser.Browsers.conversationItem;
import static dev.parley.server.browser.Browsers.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Log events lost on the way to an open client are read back from the log when the next one shows the gap, and
 * so is what a first history page read just before the socket went live could not hold.
 */
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

    // The first page of a conversation opened at start-up is asked for over REST while the socket is still
    // connecting. A socket that sent IDENTIFY before that page arrived named no cursor for it, so READY replays
    // nothing of it and only counts in last_seq a message committed after the page was read but before the node
    // positioned the socket's streams: the message reached the client neither in the page nor live. Seen as
    // ClusterBrowserTest failing about one run in three; here both orders of the page and READY are made to happen.

    @Test
    void aMessageCommittedBetweenTheFirstPageAndIdentifyIsShownWhenReadyComesAfterThePage() {
        HeldBack bobs = new HeldBack("p");

        assertThat(bobs.ownerSends("sent while the page travelled")).isEqualTo(201);
        bobs.letIdentifyThrough();
        bobs.handOverFirstPage();
        assertThat(bobs.page.getByTestId("history-start")).isVisible();
        bobs.releaseServerFrames();

        assertThat(message(bobs.page, "sent while the page travelled")).isVisible();
    }

    @Test
    void aMessageCommittedBetweenTheFirstPageAndIdentifyIsShownWhenReadyComesBeforeThePage() {
        HeldBack bobs = new HeldBack("r");

        assertThat(bobs.ownerSends("sent before the socket was live")).isEqualTo(201);
        bobs.letIdentifyThrough();
        bobs.releaseServerFrames();
        assertThat(conversationItem(bobs.page, bobs.channel).getByTestId("conversation-preview"))
                .containsText("sent before the socket was live");
        bobs.handOverFirstPage();

        assertThat(message(bobs.page, "sent before the socket was live")).isVisible();
    }

    /**
     * A new member of a new channel opening its link, with the network under the test's control: the first history
     * page is read from the node when asked for but handed to the page only when the test says; the socket's IDENTIFY
     * waits likewise, and so does every frame from the node after HELLO.
     */
    private static final class HeldBack {
        final Api api = NODE.api();
        final Account owner;
        final String channel;
        final Page page = BROWSERS.user();
        final AtomicReference<Route> firstPage = new AtomicReference<>();
        final AtomicReference<APIResponse> firstPageAsRead = new AtomicReference<>();
        final AtomicReference<Runnable> identify = new AtomicReference<>();
        final Deque<String> serverFrames = new ArrayDeque<>();
        WebSocketRoute socket;
        boolean holdingServerFrames = true;

        HeldBack(String prefix) {
            owner = api.register(prefix + "a");
            Account member = api.register(prefix + "b");
            channel = api.channel(owner, prefix + " channel", "private");
            api.addMember(owner, channel, member);
            open(member, channel);
        }

        int ownerSends(String content) {
            return api.send(owner, channel, content).status();
        }

        private void open(Account who, String conversationId) {
            page.route(url -> url.contains("/conversations/" + conversationId + "/messages?limit="), route -> {
                if (firstPage.get() == null) {
                    firstPageAsRead.set(route.fetch());
                    firstPage.set(route);
                } else {
                    route.resume();
                }
            });
            page.routeWebSocket("**/gateway", ws -> {
                WebSocketRoute server = ws.connectToServer();
                socket = ws;
                ws.onMessage(frame -> {
                    String text = frame.text();
                    if (text.contains("\"IDENTIFY\"") && identify.get() == null) {
                        identify.set(() -> server.send(text));
                    } else {
                        server.send(text);
                    }
                });
                server.onMessage(frame -> {
                    String text = frame.text();
                    if (holdingServerFrames && !text.contains("\"HELLO\"")) {
                        serverFrames.add(text);
                    } else {
                        ws.send(text);
                    }
                });
            });
            page.context().addInitScript("localStorage.setItem('parley.token', '" + who.token() + "');");
            page.navigate(BROWSERS.baseUrl() + "/#/c/" + conversationId);
            page.waitForCondition(() -> identify.get() != null && firstPage.get() != null);
        }

        /** Sends the held IDENTIFY and waits until the node has answered it (READY and CATCHUP_DONE, held). */
        void letIdentifyThrough() {
            identify.get().run();
            page.waitForCondition(() -> serverFrames.stream().anyMatch(f -> f.contains("\"CATCHUP_DONE\"")));
        }

        void handOverFirstPage() {
            firstPage.get().fulfill(new Route.FulfillOptions().setResponse(firstPageAsRead.get()));
        }

        /** Playwright runs its callbacks on this thread, inside its calls: frames arriving meanwhile join the queue. */
        void releaseServerFrames() {
            for (String frame = serverFrames.poll(); frame != null; frame = serverFrames.poll()) {
                socket.send(frame);
            }
            holdingServerFrames = false;
        }
    }
}
