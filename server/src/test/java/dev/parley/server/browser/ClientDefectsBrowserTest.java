package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.server.browser.Browsers.conversationItem;
import static dev.parley.server.browser.Browsers.message;
import static dev.parley.server.browser.Browsers.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The browser client's defects found when it was tried as a new user would, one test each. */
class ClientDefectsBrowserTest {
    @RegisterExtension
    @Order(1)
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000");
    @RegisterExtension
    @Order(2)
    static final Browsers BROWSERS = new Browsers(NODE);

    private final Api api = NODE.api();

    private String channel(Account owner, String name, Account... members) {
        String id = api.channel(owner, name, "private");
        for (Account m : members) {
            api.addMember(owner, id, m);
        }
        return id;
    }

    private Page open(Account who, String conversation) {
        Page page = BROWSERS.loggedIn(who.token());
        conversationItem(page, conversation).click();
        assertThat(page.getByTestId("message-list")).isVisible();
        return page;
    }

    private static boolean overlaps(BoundingBox a, BoundingBox b) {
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    }

    @Test
    void aMemberRemovedFromAChannelIsToldSoNotThatItWasDeleted() {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        String room = channel(alice, "removals", bob);
        Page page = open(bob, room);

        assertThat(api.delete("/api/v1/channels/" + room + "/members/" + bob.id(), alice.token()).status()).isEqualTo(204);

        assertThat(page.getByTestId("toast")).hasText("You were removed from #removals.");
        assertThat(conversationItem(page, room)).hasCount(0);
    }

    @Test
    void joinsLeavesRenamesAndTopicChangesAreLinesInTheTimeline() {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        Account carol = api.register("carol");
        String room = api.post("/api/v1/channels", alice.token(), Api.obj("name", "history", "visibility", "public"))
                .json().path("id").asText();
        api.send(alice, room, "first");
        Page page = open(alice, room);
        assertThat(message(page, "first")).isVisible();

        api.addMember(alice, room, bob);
        api.patch("/api/v1/channels/" + room, alice.token(), Api.obj("name", "story"));
        api.patch("/api/v1/channels/" + room, alice.token(), Api.obj("topic", "what happened"));
        api.addMember(alice, room, carol);
        api.post("/api/v1/channels/" + room + "/leave", carol.token(), null);

        api.delete("/api/v1/channels/" + room + "/members/" + bob.id(), alice.token());
        api.post("/api/v1/channels/" + room + "/join", carol.token(), null);

        String[] lines = {
            bob.username() + " joined the channel.", "The channel is now called #story.",
            "Topic changed to “what happened”.", carol.username() + " joined the channel.",
            carol.username() + " is no longer in the channel.", bob.username() + " is no longer in the channel.",
            carol.username() + " joined the channel."};
        assertThat(page.getByTestId("system-line")).hasText(lines);
        page.reload();
        assertThat(page.getByTestId("app")).isVisible();
        assertThat(message(page, "first")).isVisible();
        assertThat(page.getByTestId("system-line")).hasText(lines);
    }

    @Test
    void aLongChannelNameKeepsTheDirectorysButtonsInViewAndShowsInFullOnHover() {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        String longName = "a-very-long-channel-name-without-any-space-".repeat(2) + "x".repeat(14);
        String id = api.post("/api/v1/channels", alice.token(), Api.obj("name", longName, "visibility", "public")).json().path("id").asText();
        Page page = BROWSERS.loggedIn(bob.token(), 700, 700);

        page.getByTestId("browse-channels-button").click();
        Locator item = page.locator("[data-testid=browse-channel-item][data-conversation-id=\"" + id + "\"]");
        Locator join = item.getByTestId("browse-join");
        assertThat(join).isVisible();
        BoundingBox button = join.boundingBox();
        BoundingBox list = page.getByTestId("browse-dialog").boundingBox();
        assertThat(button.x + button.width).isLessThanOrEqualTo(list.x + list.width);
        assertThat(item.getByTestId("browse-channel-name")).hasAttribute("title", longName);
        join.click();
        assertThat(conversationItem(page, id).getByTestId("conversation-name")).hasAttribute("title", longName);
        assertThat(page.getByTestId("conversation-title")).hasAttribute("title", longName);
    }

    @Test
    void aReplyToAMessageNotLoadedJumpsToItAndAMessageLinkOpensItInContext() {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        String room = channel(alice, "long-history", bob);
        String original = api.send(alice, room, "the original question").json().path("id").asText();
        for (int i = 0; i < 130; i++) {
            api.send(bob, room, "filler " + i);
        }
        api.post("/api/v1/conversations/" + room + "/messages", alice.token(),
                Api.obj("content", "answering that old question", "reply_to", original));
        Page page = open(bob, room);
        Locator reply = message(page, "answering that old question");
        assertThat(reply.getByTestId("message-reply-quote")).hasText(Pattern.compile("Original message not loaded"));
        assertThat(message(page, "the original question")).hasCount(0);

        reply.getByTestId("message-reply-quote").click();

        Locator target = message(page, "the original question");
        assertThat(target).isInViewport();
        assertThat(target).isFocused();

        page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"),
                new BrowserContext.GrantPermissionsOptions().setOrigin(BROWSERS.baseUrl()));
        target.hover();
        target.getByTestId("message-copy-link").click();
        assertThat(page.getByTestId("toast")).hasText("Link copied.");
        String link = (String) page.evaluate("() => navigator.clipboard.readText()");
        assertThat(link).matches(Pattern.quote(BROWSERS.baseUrl()) + "/#/c/" + room + "/m/\\d+");

        Page other = BROWSERS.loggedIn(bob.token());
        other.navigate(link);
        assertThat(message(other, "the original question")).isInViewport();
        assertThat(message(other, "filler 0")).isVisible();
    }

    @Test
    void consecutiveMessagesOfOneAuthorAreGrouped() {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        String room = channel(alice, "grouping", bob);
        api.send(alice, room, "one");
        api.send(alice, room, "two");
        api.send(bob, room, "three");
        api.send(bob, room, "four");
        Page page = open(alice, room);

        assertThat(message(page, "one").getByTestId("message-author")).isVisible();
        assertThat(message(page, "two").getByTestId("message-author")).hasCount(0);
        assertThat(message(page, "two")).hasClass(Pattern.compile("msg-grouped"));
        assertThat(message(page, "three").getByTestId("message-author")).isVisible();
        assertThat(message(page, "four").getByTestId("message-author")).hasCount(0);
        send(page, "five");
        assertThat(message(page, "five").getByTestId("message-author")).isVisible();
    }

    @Test
    void onAPhoneActionsShowOnTapTheMembersOverlayClosesAndTheBannerTakesOneLine() {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        String room = channel(alice, "phone", bob);
        api.send(bob, room, "tap me");
        BrowserContext phone = BROWSERS.phone();
        Page page = phone.newPage();
        phone.addInitScript("if (!sessionStorage.getItem('test.token.set')) { localStorage.setItem('parley.token', '"
                + alice.token() + "'); sessionStorage.setItem('test.token.set', '1'); }");
        page.navigate(BROWSERS.baseUrl() + "/#/c/" + room);
        Locator msg = message(page, "tap me");
        assertThat(msg).isVisible();
        assertThat(msg.getByTestId("message-reply")).isHidden();
        msg.getByTestId("message-content").tap();
        assertThat(msg.getByTestId("message-reply")).isVisible();
        msg.getByTestId("message-content").tap();
        assertThat(msg.getByTestId("message-reply")).isHidden();

        page.getByTestId("members-toggle").tap();
        assertThat(page.getByTestId("members-close")).isVisible();
        page.getByTestId("members-close").tap();
        assertThat(page.getByTestId("members-panel")).isHidden();

        NODE.stop();
        try {
            Locator banner = page.getByTestId("connection-banner");
            assertThat(banner).isVisible();
            assertThat(banner.boundingBox().height).isLessThan(40);
        } finally {
            NODE.start();
        }
        assertThat(page.getByTestId("connection-banner")).isHidden();
    }

    @Test
    void toastsDoNotCoverTheConversationHeader() {
        Account alice = api.register("alice");
        String room = channel(alice, "toasts");
        api.send(alice, room, "copy my link");
        Page page = open(alice, room);
        page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"),
                new BrowserContext.GrantPermissionsOptions().setOrigin(BROWSERS.baseUrl()));
        message(page, "copy my link").hover();
        message(page, "copy my link").getByTestId("message-copy-link").click();

        Locator toast = page.getByTestId("toast");
        assertThat(toast).isVisible();
        assertThat(overlaps(toast.boundingBox(), page.locator(".chat-head").boundingBox())).isFalse();
    }

    @Test
    void twoTabsOfOneLoginAgreeOnUnreadCounts() {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        String room = channel(alice, "two-tabs", bob);
        String elsewhere = channel(alice, "elsewhere", bob);
        Page first = BROWSERS.loggedIn(bob.token());
        Page second = first.context().newPage();
        second.navigate(BROWSERS.baseUrl() + "/");
        conversationItem(second, elsewhere).click();
        assertThat(second.getByTestId("conversation-title")).hasText("elsewhere");
        conversationItem(first, elsewhere).click();

        for (int i = 0; i < 3; i++) {
            api.send(alice, room, "unread " + i);
        }
        assertThat(conversationItem(second, room).getByTestId("unread-badge")).hasText("3");
        assertThat(conversationItem(first, room).getByTestId("unread-badge")).hasText("3");

        conversationItem(first, room).click();
        assertThat(message(first, "unread 2")).isVisible();

        assertThat(conversationItem(second, room).getByTestId("unread-badge")).hasCount(0);
    }

    @Test
    void signUpErrorsAppearNextToTheirFieldsAsTheUserTypes() {
        Page page = BROWSERS.user();
        page.navigate(BROWSERS.baseUrl() + "/");
        page.getByTestId("switch-to-signup").click();

        page.getByTestId("username").pressSequentially("a!");
        assertThat(page.getByTestId("username-error")).hasText("Only letters, digits, _ and . are allowed.");
        page.getByTestId("username").press("Backspace");
        page.getByTestId("username").pressSequentially("ok_name");
        assertThat(page.getByTestId("username-error")).isHidden();

        page.getByTestId("password").pressSequentially("short");
        page.getByTestId("username").focus();
        assertThat(page.getByTestId("password-error")).hasText("At least 8 characters (3 more).");
        page.getByTestId("password").pressSequentially("er!!");
        assertThat(page.getByTestId("password-error")).isHidden();

        Account taken = api.register("taken");
        page.getByTestId("username").fill(taken.username());
        page.getByTestId("signup-submit").click();
        assertThat(page.getByTestId("username-error")).hasText("That username is taken.");
    }
}
