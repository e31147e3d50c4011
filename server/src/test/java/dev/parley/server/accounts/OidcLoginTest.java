package dev.parley.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Single sign-on end to end against a real OpenID provider in the test JVM (mock-oauth2-server): discovery, the
 * authorization-code flow with PKCE, the ID token checked against the provider's JWKS; the first login makes a linked
 * account, later ones reuse it; a tampered token, a wrong audience, an expired token and a replayed state are each
 * refused with a clear error on the client's sign-in screen.
 */
class OidcLoginTest {
    private static final String ISSUER_ID = "parley";
    private static final String CLIENT_ID = "parley-client";
    /** The body the provider's token endpoint answers next instead of its own (one use). */
    private static final AtomicReference<String> NEXT_TOKEN_ANSWER = new AtomicReference<>();
    static final MockOAuth2Server IDP = started();

    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("oidc.issuer", IDP.issuerUrl(ISSUER_ID).toString())
            .with("oidc.client.id", CLIENT_ID)
            .with("oidc.client.secret", "s3cret")
            .with("oidc.button.label", "Mock IdP");

    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(), new CraftedTokenAnswer());
        server.start();
        return server;
    }

    /** Lets a test answer one token request with an ID token it made (tampered, for another audience, …). */
    private static final class CraftedTokenAnswer implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return request.getMethod().equals("POST") && request.getUrl().encodedPath().endsWith("/token")
                    && NEXT_TOKEN_ANSWER.get() != null;
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String body = NEXT_TOKEN_ANSWER.getAndSet(null);
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200, body, null);
        }
    }

    @AfterAll
    static void stopProvider() {
        IDP.shutdown();
    }

    private static HttpResponse<String> get(String url) {
        try {
            return BROWSER.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).as("a redirect from " + r.uri()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Where the sign-in button leads: the provider's authorization URL. */
    private static String startAt() {
        JsonNode config = NODE.api().get("/api/v1/auth/config", null).json();
        JsonNode provider = config.path("oidc_providers").get(0);
        assertThat(provider.path("label").asText()).isEqualTo("Mock IdP");
        return location(get(provider.path("start_url").asText()));
    }

    /** The whole flow as a browser follows it; returns where the client is sent at the end. */
    private static String signInAs(String subject, Map<String, Object> claims) {
        IDP.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, 3600));
        String authorize = startAt();
        String callback = location(get(authorize));
        assertThat(callback).startsWith(NODE.baseUrl() + "/api/v1/auth/oidc/sso/callback?");
        return location(get(callback));
    }

    private static JsonNode exchange(String clientUrl) {
        assertThat(clientUrl).startsWith(NODE.baseUrl() + "/#oidc=");
        String code = clientUrl.substring(clientUrl.indexOf("#oidc=") + 6);
        Api.Reply r = NODE.api().post("/api/v1/auth/oidc/exchange", null, Api.obj("code", code, "device_name", "test browser"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(NODE.api().post("/api/v1/auth/oidc/exchange", null, Api.obj("code", code)).errorCode())
                .as("the hand-over code works once").isEqualTo("invalid_state");
        return r.json();
    }

    /** Starts a flow, then answers Parley's token request with this ID token; returns the client's error fragment. */
    private static Map<String, String> refusedWith(java.util.function.Function<String, String> idTokenForNonce) {
        String authorize = startAt();
        Map<String, String> request = params(URI.create(authorize).getRawQuery());
        assertThat(request).containsEntry("code_challenge_method", "S256").containsKeys("code_challenge", "nonce", "state");
        String idToken = idTokenForNonce.apply(request.get("nonce"));
        NEXT_TOKEN_ANSWER.set("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"id_token\":\"" + idToken + "\"}");
        String client = location(get(NODE.baseUrl() + "/api/v1/auth/oidc/sso/callback?code=any&state=" + request.get("state")));
        assertThat(client).startsWith(NODE.baseUrl() + "/#oidc_error=");
        return params(client.substring(client.indexOf('#') + 1));
    }

    private static String token(String audience, Map<String, Object> claims, long expirySeconds) {
        return IDP.issueToken(ISSUER_ID, CLIENT_ID,
                new DefaultOAuth2TokenCallback(ISSUER_ID, "someone", "JWT", List.of(audience), claims, expirySeconds)).serialize();
    }

    @Test
    void theFirstLoginMakesALinkedAccountAndLaterLoginsReuseIt() {
        Api api = NODE.api();
        api.post("/api/v1/auth/register", null, Api.obj("username", "alice.smith", "password", "long enough"));
        Map<String, Object> claims = Map.of("preferred_username", "Alice.Smith", "name", "Alice Smith", "email", "alice@example.com");

        JsonNode first = exchange(signInAs("alice-subject", claims));

        JsonNode user = first.path("user");
        assertThat(user.path("username").asText()).as("made unique").isEqualTo("alice.smith2");
        assertThat(user.path("display_name").asText()).isEqualTo("Alice Smith");
        String token = first.path("token").asText();
        assertThat(api.get("/api/v1/users/me", token).json().path("id").asText()).isEqualTo(user.path("id").asText());
        assertThat(api.get("/api/v1/auth/sessions", token).json().path("sessions").get(0).path("device_name").asText())
                .isEqualTo("test browser");

        JsonNode again = exchange(signInAs("alice-subject", claims));
        assertThat(again.path("user").path("id").asText()).isEqualTo(user.path("id").asText());
        assertThat(again.path("token").asText()).isNotEqualTo(token);

        JsonNode someoneElse = exchange(signInAs("bob-subject", Map.of("email", "bob@example.com")));
        assertThat(someoneElse.path("user").path("username").asText()).isEqualTo("bob");
    }

    @Test
    void aReplayedStateIsRefused() {
        IDP.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "replayer", "JWT", List.of(CLIENT_ID), Map.of(), 3600));
        String callback = location(get(startAt()));
        exchange(location(get(callback)));

        String replay = location(get(callback));

        Map<String, String> error = params(replay.substring(replay.indexOf('#') + 1));
        assertThat(error).containsEntry("oidc_error", "invalid_state");
        assertThat(error.get("message")).contains("already used");
    }

    @Test
    void aTamperedTokenIsRefused() {
        Map<String, String> error = refusedWith(nonce -> {
            String[] parts = token(CLIENT_ID, Map.of("nonce", nonce), 3600).split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"someone\"", "\"admin\"");
            return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                    + "." + parts[2];
        });
        assertThat(error).containsEntry("oidc_error", "invalid_id_token");
        assertThat(error.get("message")).contains("signature");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        Map<String, String> error = refusedWith(nonce -> token("some-other-app", Map.of("nonce", nonce), 3600));
        assertThat(error).containsEntry("oidc_error", "invalid_id_token");
        assertThat(error.get("message")).contains("audience");
    }

    @Test
    void anExpiredTokenIsRefused() {
        Map<String, String> error = refusedWith(nonce -> token(CLIENT_ID, Map.of("nonce", nonce), -3600));
        assertThat(error).containsEntry("oidc_error", "invalid_id_token");
        assertThat(error.get("message")).contains("expired");
    }

    @Test
    void aTokenWithAnotherSignInsNonceIsRefused() {
        Map<String, String> error = refusedWith(nonce -> token(CLIENT_ID, Map.of("nonce", "not-" + nonce), 3600));
        assertThat(error).containsEntry("oidc_error", "invalid_id_token");
        assertThat(error.get("message")).contains("nonce");
    }

    @Test
    void aValidTokenPassesTheSameRoute() {
        String authorize = startAt();
        Map<String, String> request = params(URI.create(authorize).getRawQuery());
        String idToken = token(CLIENT_ID, Map.of("nonce", request.get("nonce"), "preferred_username", "routed"), 3600);
        NEXT_TOKEN_ANSWER.set("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":\"" + idToken + "\"}");

        String client = location(get(NODE.baseUrl() + "/api/v1/auth/oidc/sso/callback?code=any&state=" + request.get("state")));

        assertThat(exchange(client).path("user").path("username").asText()).isEqualTo("routed");
    }
}
