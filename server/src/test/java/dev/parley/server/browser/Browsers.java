package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.parley.server.support.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) per test class; every
 * {@link #user} is a fresh browser context, i.e. a separate person with their own storage, closed
 * after each test. Register it after the {@link TestNode}: {@code @RegisterExtension @Order(2)}.
 *
 * <p>Uncaught errors in a page (JavaScript exceptions, unhandled rejections) fail the test that
 * caused them, and so does anything the node's Content-Security-Policy refused (an inline style or
 * script, a resource from elsewhere): the client must run under the policy it is served with.
 */
final class Browsers implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final double TIMEOUT_MS = 15_000;

    private final Supplier<String> baseUrl;
    private Playwright playwright;
    private Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());

    Browsers(TestNode node) {
        this(node::baseUrl);
    }

    /** Browsers for a node (or any of a cluster's) whose address is known only once it has started. */
    Browsers(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync")));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (BrowserContext c : contexts) {
            c.close();
        }
        contexts.clear();
        List<String> errors = List.copyOf(pageErrors);
        pageErrors.clear();
        if (!errors.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("uncaught errors in the page: " + errors);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    String baseUrl() {
        return baseUrl.get();
    }

    /** A new person at the given window size, not yet on any page. */
    Page user(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setLocale("en-GB")
                .setTimezoneId("UTC"));
        context.setDefaultTimeout(TIMEOUT_MS);
        context.addInitScript("document.addEventListener('securitypolicyviolation', e => console.error("
                + "'CSP violation: ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));");
        contexts.add(context);
        Page page = context.newPage();
        page.onPageError(e -> pageErrors.add(e));
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                System.out.println("[browser console error] " + m.text());
                if (m.text().startsWith("CSP violation") || m.text().contains("Content Security Policy")) {
                    pageErrors.add(m.text());
                }
            }
        });
        return page;
    }

    Page user() {
        return user(1280, 800);
    }

    /** A new person on a phone (390 x 760, touch), not yet on any page; checked for page errors like the others. */
    BrowserContext phone() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 760)
                .setHasTouch(true)
                .setIsMobile(true)
                .setLocale("en-GB")
                .setTimezoneId("UTC"));
        context.setDefaultTimeout(TIMEOUT_MS);
        contexts.add(context);
        context.onPage(page -> page.onPageError(e -> pageErrors.add(e)));
        return context;
    }

    /** A new person already logged in with {@code token}, on the app. */
    Page loggedIn(String token, int width, int height) {
        return loggedInAt(baseUrl(), token, width, height);
    }

    /** A new person already logged in with {@code token}, on the app as served by the node at {@code nodeUrl}. */
    Page loggedInAt(String nodeUrl, String token, int width, int height) {
        Page page = user(width, height);
        page.context().addInitScript("if (!sessionStorage.getItem('test.token.set')) {"
                + " localStorage.setItem('parley.token', '" + token + "');"
                + " sessionStorage.setItem('test.token.set', '1'); }");
        page.navigate(nodeUrl + "/");
        assertThat(page.getByTestId("app")).isVisible();
        return page;
    }

    Page loggedIn(String token) {
        return loggedIn(token, 1280, 800);
    }

    /** Signs up through the sign-up form and waits for the app. */
    static void signUp(Page page, String baseUrl, String username, String displayName, String password) {
        page.navigate(baseUrl + "/");
        assertThat(page.getByTestId("login-form")).isVisible();
        page.getByTestId("switch-to-signup").click();
        assertThat(page.getByTestId("signup-form")).isVisible();
        page.getByTestId("username").fill(username);
        page.getByTestId("display-name").fill(displayName);
        page.getByTestId("password").fill(password);
        page.getByTestId("signup-submit").click();
        assertThat(page.getByTestId("app")).isVisible();
        assertThat(page.getByTestId("my-display-name")).hasText(displayName);
    }

    /** The token the page is logged in with. */
    static String token(Page page) {
        return (String) page.evaluate("() => localStorage.getItem('parley.token')");
    }

    static Locator conversationItem(Page page, String conversationId) {
        return page.locator("[data-testid=conversation-item][data-conversation-id=\"" + conversationId + "\"]");
    }

    static Locator message(Page page, String exactContent) {
        return page.getByTestId("message").filter(new Locator.FilterOptions().setHas(
                page.getByTestId("message-content").getByText(exactContent, new Locator.GetByTextOptions().setExact(true))));
    }

    /** Types into the composer of the open conversation and presses Enter. */
    static void send(Page page, String content) {
        Locator composer = page.getByTestId("composer");
        composer.fill(content);
        composer.press("Enter");
        assertThat(composer).hasValue("");
    }

    static String conversationIdFromUrl(Page page) {
        String url = page.url();
        int i = url.indexOf("#/c/");
        if (i < 0) {
            throw new AssertionError("no conversation open: " + url);
        }
        return url.substring(i + 4);
    }

    /**
     * Where screenshots go: server/target/screenshots (the tests run in server/), never a tracked file. To refresh
     * the pictures in docs/screenshots, copy them from there on purpose.
     */
    static Path screenshotDir() {
        Path dir = Paths.get("target", "screenshots").toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
