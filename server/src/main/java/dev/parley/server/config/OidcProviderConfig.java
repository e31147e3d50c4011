package dev.parley.server.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One OpenID Connect provider to sign in with. {@code redirectUrl} null means the node's own callback address,
 * from {@code public.url} or the request. {@code alwaysSignUp}: the provider's users may make accounts whatever
 * the registration mode ({@code oidc.signup = always}); otherwise first logins follow the mode.
 */
public record OidcProviderConfig(String id, String label, String issuer, String clientId, String clientSecret,
                                 String redirectUrl, String scopes, boolean alwaysSignUp) {
    private static final Set<String> RESERVED = Set.of("issuer", "client", "redirect", "button", "providers", "signup", "scopes", "id");

    /**
     * The providers configured: the one of the unprefixed keys ({@code oidc.issuer}, {@code oidc.client.id}, …; its
     * id is {@code oidc.id}, default {@code sso}), and one per id named in {@code oidc.providers} (keys
     * {@code oidc.ID.issuer}, …).
     */
    static List<OidcProviderConfig> from(Settings s) {
        List<OidcProviderConfig> out = new ArrayList<>();
        if (s.string("oidc.issuer", null) != null) {
            out.add(provider(s, s.string("oidc.id", "sso"), "oidc."));
        }
        String named = s.string("oidc.providers", "");
        for (String raw : named.split(",")) {
            String id = raw.strip().toLowerCase(Locale.ROOT);
            if (!id.isEmpty()) {
                out.add(provider(s, id, "oidc." + id + "."));
            }
        }
        if (out.stream().map(OidcProviderConfig::id).distinct().count() != out.size()) {
            throw new IllegalArgumentException("oidc provider ids must differ");
        }
        return List.copyOf(out);
    }

    private static OidcProviderConfig provider(Settings s, String id, String prefix) {
        if (!id.matches("[a-z0-9]{1,32}") || RESERVED.contains(id)) {
            throw new IllegalArgumentException("oidc provider id must be 1-32 of a-z and 0-9 and not a setting's name: " + id);
        }
        String issuer = required(s, prefix + "issuer");
        URI uri = URI.create(issuer);
        if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new IllegalArgumentException("setting " + prefix + "issuer must be an https URL: " + issuer);
        }
        String signup = s.string(prefix + "signup", "mode");
        if (!signup.equals("mode") && !signup.equals("always")) {
            throw new IllegalArgumentException("setting " + prefix + "signup must be mode or always: " + signup);
        }
        return new OidcProviderConfig(id, s.string(prefix + "button.label", uri.getHost()), stripSlash(issuer),
                required(s, prefix + "client.id"), s.string(prefix + "client.secret", null),
                s.string(prefix + "redirect.url", null), s.string(prefix + "scopes", "openid profile email"),
                signup.equals("always"));
    }

    private static String required(Settings s, String key) {
        String v = s.string(key, null);
        if (v == null) {
            throw new IllegalArgumentException("setting " + key + " is required for this OpenID Connect provider");
        }
        return v;
    }

    private static String stripSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
