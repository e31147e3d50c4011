package dev.parley.server.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.server.config.OidcProviderConfig;
import dev.parley.server.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One configured identity provider, as the authorization-code flow with PKCE uses it: its discovery document
 * (read on first use and kept; read again after a failure), the authorization request, the code-for-token
 * exchange, and the ID token's verification against its JWKS (cached by Nimbus, refetched for an unknown key id).
 * Calls to the provider go through {@code java.net.http}.
 *
 * <p>Threading: any thread.
 */
final class OidcProvider {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OidcProviderConfig config;
    private final HttpClient http;
    private final Clock clock;
    private volatile ProviderMetadata metadata;
    private volatile IdTokenVerifier verifier;

    OidcProvider(OidcProviderConfig config, HttpClient http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
    }

    OidcProviderConfig config() {
        return config;
    }

    /** The provider's sign-in page for this request. */
    String authorizationUrl(String redirectUri, String state, String nonce, String codeChallenge) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", config.clientId());
        q.put("redirect_uri", redirectUri);
        q.put("scope", config.scopes());
        q.put("state", state);
        q.put("nonce", nonce);
        q.put("code_challenge", codeChallenge);
        q.put("code_challenge_method", "S256");
        String endpoint = metadata().authorizationEndpoint();
        return endpoint + (endpoint.contains("?") ? "&" : "?") + form(q);
    }

    /** Exchanges the code for tokens and returns the verified ID token's claims. */
    JWTClaimsSet redeem(String code, String redirectUri, String codeVerifier, String nonce) {
        ProviderMetadata m = metadata();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        form.put("client_id", config.clientId());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(m.tokenEndpoint())).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (config.clientSecret() != null) {
            if (m.secretInBody()) {
                form.put("client_secret", config.clientSecret());
            } else {
                String basic = enc(config.clientId()) + ":" + enc(config.clientSecret());
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            }
        }
        JsonNode answer = call(request.POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), "token endpoint");
        JsonNode idToken = answer.get("id_token");
        if (idToken == null || !idToken.isTextual()) {
            throw new ParleyException(ErrorCode.IDENTITY_PROVIDER_ERROR, "the provider's token answer has no id_token");
        }
        return verifier().verify(idToken.textValue(), nonce);
    }

    private ProviderMetadata metadata() {
        ProviderMetadata m = metadata;
        if (m == null) {
            synchronized (this) {
                m = metadata;
                if (m == null) {
                    m = discover();
                    verifier = new IdTokenVerifier(keys(m.jwksUri()), m.issuer(), config.clientId(), clock);
                    metadata = m;
                }
            }
        }
        return m;
    }

    private IdTokenVerifier verifier() {
        metadata();
        return verifier;
    }

    private ProviderMetadata discover() {
        JsonNode doc = call(HttpRequest.newBuilder(URI.create(config.issuer() + "/.well-known/openid-configuration"))
                .timeout(TIMEOUT).header("Accept", "application/json").GET().build(), "discovery document");
        String issuer = text(doc, "issuer");
        if (!config.issuer().equals(issuer)) {
            throw new ParleyException(ErrorCode.IDENTITY_PROVIDER_ERROR,
                    "the provider's discovery document names issuer " + issuer + ", not the configured " + config.issuer());
        }
        List<String> methods = new ArrayList<>();
        doc.path("token_endpoint_auth_methods_supported").forEach(n -> methods.add(n.asText()));
        return new ProviderMetadata(issuer, text(doc, "authorization_endpoint"), text(doc, "token_endpoint"),
                text(doc, "jwks_uri"), List.copyOf(methods));
    }

    private JWKSource<SecurityContext> keys(String jwksUri) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUri).toURL(), new JdkResourceRetriever(http, TIMEOUT))
                    .cache(true).rateLimited(true).retrying(true).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new ParleyException(ErrorCode.IDENTITY_PROVIDER_ERROR, "the provider's jwks_uri is not a URL: " + jwksUri);
        }
    }

    private JsonNode call(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ParleyException(ErrorCode.IDENTITY_PROVIDER_ERROR, "the provider's " + what + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ErrorCode.UNAVAILABLE, "interrupted");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() != 200 || body == null || !body.isObject()) {
            String error = body == null ? "" : " (" + body.path("error").asText("") + " " + body.path("error_description").asText("") + ")";
            throw new ParleyException(ErrorCode.IDENTITY_PROVIDER_ERROR,
                    "the provider's " + what + " answered " + response.statusCode() + error.replace(" ()", ""));
        }
        return body;
    }

    private static String text(JsonNode doc, String field) {
        JsonNode v = doc.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw new ParleyException(ErrorCode.IDENTITY_PROVIDER_ERROR, "the provider's discovery document has no " + field);
        }
        return v.textValue();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
