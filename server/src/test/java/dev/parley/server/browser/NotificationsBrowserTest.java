package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.server.browser.Browsers.conversationItem;
import static dev.parley.server.browser.Browsers.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mentions in the browser: completion, highlight, desktop notifications, the tab's title and favicon, push. */
class NotificationsBrowserTest {
    @RegisterExtension
    @Order(1)
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000");
    @RegisterExtension
    @Order(2)
    static final Browsers BROWSERS = new Browsers(NODE);

    /**
     * Records each Notification the page makes (headless Chromium shows none), and lets the test say whether the
     * tab is hidden, as switching to another tab or window would.
     */
    private static final String RECORD_NOTIFICATIONS = """
            (() => {
              window.__notes = [];
              window.__hidden = false;
              Object.defineProperty(Document.prototype, 'visibilityState', { get() { return window.__hidden ? 'hidden' : 'visible'; } });
              Object.defineProperty(Document.prototype, 'hidden', { get() { return window.__hidden; } });
              const Real = window.Notification;
              if (!Real) return;
              function Recording(title, options) {
                const note = { title, body: options && options.body, tag: options && options.tag, onclick: null, close() {} };
                window.__notes.push(note);
                return note;
              }
              Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
              Recording.requestPermission = (...a) => Real.requestPermission(...a);
              window.Notification = Recording;
            })();""";

    private final Api api = NODE.api();

    private Page withNotifications(Account who) {
        Page page = BROWSERS.user(1280, 800);
        BrowserContext context = page.context();
        context.grantPermissions(List.of("notifications"), new BrowserContext.GrantPermissionsOptions().setOrigin(BROWSERS.baseUrl()));
        context.addInitScript(RECORD_NOTIFICATIONS);
        context.addInitScript("if (!sessionStorage.getItem('test.token.set')) { localStorage.setItem('parley.token', '"
                + who.token() + "'); sessionStorage.setItem('test.token.set', '1'); }");
        page.navigate(BROWSERS.baseUrl() + "/");
        assertThat(page.getByTestId("app")).isVisible();
        return page;
    }

    private String channel(Account owner, String name, Account... members) {
        String id = api.channel(owner, name, "private");
        for (Account m : members) {
            api.addMember(owner, id, m);
        }
        return id;
    }

    @Test
    void aMentionWhileTheTabIsHiddenShowsANotificationThatOpensTheMessage() {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        String room = channel(alice, "hidden-tab", bob);
        Page page = withNotifications(bob);
        conversationItem(page, room).click();
        assertThat(page.getByTestId("conversation-title")).hasText("hidden-tab");
        // a message seen live first: the page's socket is up and receiving this conversation
        api.send(alice, room, "are you there?");
        assertThat(message(page, "are you there?")).isVisible();
        page.evaluate("() => { window.__hidden = true; document.dispatchEvent(new Event('visibilitychange')); }");

        long seq = api.send(alice, room, "@" + bob.username() + " can you look at this?").json().path("seq").asLong();

        page.waitForFunction("() => window.__notes.length > 0");
        @SuppressWarnings("unchecked")
        Map<String, Object> note = (Map<String, Object>) page.evaluate("() => ({ title: window.__notes[0].title, body: window.__notes[0].body })");
        assertThat(note.get("title")).isEqualTo("#hidden-tab");
        assertThat((String) note.get("body")).contains("can you look at this?");
        assertThat(page).hasTitle(Pattern.compile("^@1 · .*Parley$"));
        assertThat(page.locator("link[rel=icon]")).hasAttribute("href", "/favicon-mention.svg");

        page.evaluate("() => { window.__hidden = false; document.dispatchEvent(new Event('visibilitychange')); window.__notes[0].onclick(); }");
        assertThat(page).hasURL(Pattern.compile("#/c/" + room + "/m/" + seq + "$"));
        assertThat(message(page, "@" + bob.username() + " can you look at this?")).isVisible();
        assertThat(page.locator("link[rel=icon]")).hasAttribute("href", "/favicon.svg");
    }

    @Test
    void messagesTheSettingsSilenceAndThoseOfTheOpenConversationDoNotNotify() {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        String open = channel(alice, "open-one", bob);
        String quiet = channel(alice, "quiet-one", bob);
        String other = channel(alice, "other-one", bob);
        Page page = withNotifications(bob);
        conversationItem(page, quiet).click();
        page.getByTestId("notification-settings-button").click();
        page.getByTestId("notify-none").check();
        page.getByTestId("notification-settings-save").click();
        assertThat(conversationItem(page, quiet).getByTestId("conversation-muted")).isVisible();
        conversationItem(page, open).click();
        assertThat(page.getByTestId("conversation-title")).hasText("open-one");

        api.send(alice, open, "seen already, no notification");
        api.send(alice, quiet, "silenced");
        assertThat(message(page, "seen already, no notification")).isVisible();
        api.send(alice, other, "this one notifies");

        page.waitForFunction("() => window.__notes.length > 0");
        page.waitForTimeout(500);
        assertThat(page.evaluate("() => window.__notes.map(n => n.body)")).isEqualTo(List.of(alice.username() + ": this one notifies"));
    }

    @Test
    void typingAtOffersTheMembersAndTheirMentionsAreHighlighted() {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        Account carol = api.register("carol");
        String room = channel(alice, "completion", bob, carol);
        Page alicePage = BROWSERS.loggedIn(alice.token());
        Page bobPage = BROWSERS.loggedIn(bob.token());
        conversationItem(alicePage, room).click();
        conversationItem(bobPage, room).click();

        alicePage.getByTestId("composer").pressSequentially("hi @" + bob.username().substring(0, 3));
        assertThat(alicePage.getByTestId("mention-option").first()).hasAttribute("data-username", bob.username());
        alicePage.getByTestId("composer").press("Enter");
        assertThat(alicePage.getByTestId("composer")).hasValue("hi @" + bob.username() + " ");
        alicePage.getByTestId("composer").pressSequentially("and @her");
        assertThat(alicePage.getByTestId("mention-option")).hasCount(1);
        assertThat(alicePage.getByTestId("mention-option")).hasAttribute("data-username", "here");
        alicePage.getByTestId("composer").press("Escape");
        alicePage.getByTestId("composer").press("Enter");

        String content = "hi @" + bob.username() + " and @her";
        assertThat(message(bobPage, content)).hasClass(Pattern.compile("msg-mentions-me"));
        assertThat(message(bobPage, content).getByTestId("mention")).hasText("@" + bob.username());
        assertThat(message(alicePage, content)).not().hasClass(Pattern.compile("msg-mentions-me"));
    }

    @Test
    void theServiceWorkerShowsAPushedMessageAsANotification() {
        Account bob = api.register("bob");
        Page page = withNotifications(bob);
        page.waitForCondition(() -> Boolean.TRUE.equals(
                page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => !!r && !!r.active)")));
        CDPSession cdp = page.context().newCDPSession(page);
        // This origin's live registrations and those with an activated worker: DevTools also reports registrations
        // being deleted and workers still installing, and a push delivered to either is dropped.
        Set<String> registrations = ConcurrentHashMap.newKeySet();
        Set<String> activated = ConcurrentHashMap.newKeySet();
        cdp.on("ServiceWorker.workerRegistrationUpdated", event -> event.getAsJsonArray("registrations").forEach(r -> {
            JsonObject o = r.getAsJsonObject();
            if (o.get("scopeURL").getAsString().startsWith(BROWSERS.baseUrl())) {
                if (o.has("isDeleted") && o.get("isDeleted").getAsBoolean()) {
                    registrations.remove(o.get("registrationId").getAsString());
                } else {
                    registrations.add(o.get("registrationId").getAsString());
                }
            }
        }));
        cdp.on("ServiceWorker.workerVersionUpdated", event -> event.getAsJsonArray("versions").forEach(v -> {
            JsonObject o = v.getAsJsonObject();
            if ("activated".equals(o.get("status").getAsString())) {
                activated.add(o.get("registrationId").getAsString());
            }
        }));
        cdp.send("ServiceWorker.enable");
        AtomicReference<String> registration = new AtomicReference<>();
        page.waitForCondition(() -> {
            registrations.stream().filter(activated::contains).findFirst().ifPresent(registration::set);
            return registration.get() != null;
        });

        JsonObject push = new JsonObject();
        push.addProperty("origin", BROWSERS.baseUrl());
        push.addProperty("registrationId", registration.get());
        push.addProperty("data", "{\"conversation_id\":\"42\",\"message_id\":\"7\",\"seq\":3,\"title\":\"#news\",\"body\":\"alice: pushed\"}");
        // DevTools hands the push to the worker without an answer; one delivered while the worker is being
        // restarted is lost, so it is delivered again (the same tag: a repeat replaces the notification) until one shows.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            cdp.send("ServiceWorker.deliverPushMessage", push);
            try {
                page.waitForCondition(() -> ((Number) page.evaluate(
                        "() => navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length)")).intValue() > 0,
                        new Page.WaitForConditionOptions().setTimeout(5_000));
                break;
            } catch (TimeoutError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) page.evaluate(
                "() => navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => ({ title: n[0].title, body: n[0].body, tag: n[0].tag, hash: n[0].data.hash }))");
        assertThat(shown).containsEntry("title", "#news").containsEntry("body", "alice: pushed").containsEntry("tag", "c:42")
                .containsEntry("hash", "#/c/42/m/3");
    }

    @Test
    void theNotificationOfferAsksOnlyWhenClicked() {
        Account bob = api.register("bob");
        Page page = BROWSERS.loggedIn(bob.token());
        assertThat(page.getByTestId("notifications-offer")).isVisible();
        assertThat(page.evaluate("() => Notification.permission")).isEqualTo("default");
        page.getByTestId("notifications-dismiss").click();
        assertThat(page.getByTestId("notifications-offer")).isHidden();
        page.reload();
        assertThat(page.getByTestId("app")).isVisible();
        assertThat(page.getByTestId("notifications-offer")).isHidden();
    }
}
