package dev.parley.server.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.Authenticated;
import dev.parley.core.account.SingleSignOn;
import dev.parley.core.account.TicketStore;
import dev.parley.core.account.Tokens;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.server.config.OidcProviderConfig;
import dev.parley.server.http.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-in flow with each configured provider, without HTTP: {@link #start} makes a state, a nonce and a PKCE
 * verifier (kept, single-use, for {@link #STATE_LIFETIME}) and gives the provider's URL; {@link #finish} takes the
 * state back once, redeems the code, has the ID token verified, links or makes the account ({@link SingleSignOn})
 * and gives a one-time hand-over code (valid {@link #HANDOVER_LIFETIME}); {@link #exchange} turns that code into a
 * session. The bearer token thus never travels in a URL. Secrets are kept only as hashes.
 */
public final class OidcSignIn {
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    static final Duration HANDOVER_LIFETIME = Duration.ofSeconds(60);
    private static final String STATE = "oidc_state";
    private static final String HANDOVER = "oidc_handover";

    private final Map<String, OidcProvider> providers = new LinkedHashMap<>();
    private final SingleSignOn signOn;
    private final AccountService accounts;
    private final TicketStore tickets;
    private final SecureRandom random;
    private final Clock clock;

    public OidcSignIn(List<OidcProviderConfig> configs, SingleSignOn signOn, AccountService accounts, TicketStore tickets,
                      SecureRandom random, Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        configs.forEach(c -> providers.put(c.id(), new OidcProvider(c, http, clock)));
        this.signOn = signOn;
        this.accounts = accounts;
        this.tickets = tickets;
        this.random = random;
        this.clock = clock;
    }

    public List<OidcProviderConfig> providers() {
        return providers.values().stream().map(OidcProvider::config).toList();
    }

    /**
     * The provider's sign-in URL for a new flow. {@code redirectUri} is where the provider sends the browser back
     * (this node's callback, unless configured); {@code inviteCode} is carried for a first login in invite mode.
     */
    public String start(String providerId, String redirectUri, String inviteCode) {
        OidcProvider provider = provider(providerId);
        String state = secret();
        String nonce = secret();
        String verifier = secret();
        ObjectNode kept = Json.object().put("provider", providerId).put("nonce", nonce).put("verifier", verifier)
                .put("redirect_uri", redirectUri);
        if (inviteCode != null && !inviteCode.isBlank()) {
            kept.put("invite", inviteCode.strip());
        }
        String url = provider.authorizationUrl(redirectUri, state, nonce, challenge(verifier));
        tickets.put(STATE, Tokens.hash(state), Json.write(kept), clock.instant().plus(STATE_LIFETIME));
        return url;
    }

    public String redirectUri(String providerId, String defaultUri) {
        String configured = provider(providerId).config().redirectUrl();
        return configured != null ? configured : defaultUri;
    }

    /**
     * Completes the flow the provider sent the browser back from; returns the hand-over code. {@code clientAddress}
     * is the browser's: a first login is a sign-up from it.
     */
    public String finish(String providerId, String state, String code, String clientAddress) {
        OidcProvider provider = provider(providerId);
        if (state == null || state.isEmpty()) {
            throw new ParleyException(ErrorCode.INVALID_STATE, "the sign-in came back without a state");
        }
        JsonNode kept = tickets.take(STATE, Tokens.hash(state), clock.instant()).map(OidcSignIn::parse)
                .orElseThrow(() -> new ParleyException(ErrorCode.INVALID_STATE,
                        "this sign-in is unknown, expired or was already used: start again"));
        if (!providerId.equals(kept.path("provider").asText())) {
            throw new ParleyException(ErrorCode.INVALID_STATE, "this sign-in was started with another provider");
        }
        if (code == null || code.isEmpty()) {
            throw new ParleyException(ErrorCode.IDENTITY_PROVIDER_ERROR, "the provider sent no authorization code");
        }
        JWTClaimsSet claims = provider.redeem(code, kept.path("redirect_uri").asText(), kept.path("verifier").asText(),
                kept.path("nonce").asText());
        SingleSignOn.Identity identity = new SingleSignOn.Identity(claims.getIssuer(), claims.getSubject(),
                IdTokenVerifier.claimString(claims, "preferred_username"), IdTokenVerifier.claimString(claims, "nickname"),
                IdTokenVerifier.claimString(claims, "email"), IdTokenVerifier.claimString(claims, "name"));
        long userId = signOn.link(identity, provider.config().alwaysSignUp(),
                kept.hasNonNull("invite") ? kept.get("invite").asText() : null, clientAddress);
        String handover = secret();
        tickets.put(HANDOVER, Tokens.hash(handover), Long.toString(userId), clock.instant().plus(HANDOVER_LIFETIME));
        return handover;
    }

    /** A session for the account the hand-over code was given for; the code works once. */
    public Authenticated exchange(String handover, String deviceName) {
        Optional<String> userId = tickets.take(HANDOVER, Tokens.hash(handover), clock.instant());
        return accounts.signIn(Long.parseLong(userId.orElseThrow(() -> new ParleyException(ErrorCode.INVALID_STATE,
                "this sign-in code is unknown, expired or was already used"))), deviceName);
    }

    private OidcProvider provider(String id) {
        OidcProvider p = providers.get(id);
        if (p == null) {
            throw ParleyException.notFound("identity provider");
        }
        return p;
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static JsonNode parse(String kept) {
        try {
            return Json.MAPPER.readTree(kept);
        } catch (IOException e) {
            throw new IllegalStateException("a stored sign-in state is not JSON", e);
        }
    }
}
