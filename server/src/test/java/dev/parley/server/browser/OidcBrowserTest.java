package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.parley.server.support.TestNode;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Single sign-on as a person does it: the provider's button, its sign-in page, back in the chat signed in. */
class OidcBrowserTest {
    static final MockOAuth2Server IDP = started();

    @RegisterExtension
    @Order(1)
    static final TestNode NODE = new TestNode()
            .with("oidc.issuer", IDP.issuerUrl("company").toString())
            .with("oidc.client.id", "parley-web")
            .with("oidc.button.label", "Company Login");
    @RegisterExtension
    @Order(2)
    static final Browsers BROWSERS = new Browsers(NODE);

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true));
        server.start();
        return server;
    }

    @AfterAll
    static void stopProvider() {
        IDP.shutdown();
    }

    @Test
    void clickTheProviderSignInThereAndLandInTheChat() {
        Page page = BROWSERS.user();
        page.navigate(BROWSERS.baseUrl() + "/");
        page.getByTestId("sso-button").click();

        page.locator("input[name=username]").fill("carol-subject");
        page.locator("textarea[name=claims]").fill("{\"preferred_username\": \"carol\", \"name\": \"Carol Chen\"}");
        page.locator("input[type=submit]").click();

        assertThat(page.getByTestId("app")).isVisible();
        assertThat(page.getByTestId("my-display-name")).hasText("Carol Chen");
        assertThat(page).hasURL(BROWSERS.baseUrl() + "/#/");
        Page again = BROWSERS.user();
        again.navigate(BROWSERS.baseUrl() + "/");
        assertThat(again.getByTestId("sso-button")).hasText("Sign in with Company Login");
    }

    @Test
    void aRefusedSignInShowsWhy() {
        Page page = BROWSERS.user();
        page.navigate(BROWSERS.baseUrl() + "/api/v1/auth/oidc/sso/callback?state=forged&code=x");
        assertThat(page.getByTestId("auth-sso-error")).containsText("start again");
        assertThat(page.getByTestId("login-form")).isVisible();
    }
}
