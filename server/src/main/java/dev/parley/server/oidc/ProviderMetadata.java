package dev.parley.server.oidc;

import java.util.List;

/** What a provider's discovery document says that signing in needs. */
record ProviderMetadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri,
                        List<String> tokenAuthMethods) {

    /** The client authenticates with HTTP Basic unless the provider supports only client_secret_post. */
    boolean secretInBody() {
        return !tokenAuthMethods.isEmpty() && !tokenAuthMethods.contains("client_secret_basic")
                && tokenAuthMethods.contains("client_secret_post");
    }
}
