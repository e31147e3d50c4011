package dev.parley.server.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks an ID token as OpenID Connect Core §3.1.3.7 asks: its signature with a key of the provider's JWKS (an
 * asymmetric algorithm; unsigned tokens are refused), then the issuer, the audience (and {@code azp} when there are
 * several), the expiry and issue time (with {@link #SKEW} of leeway, by the node's clock) and the nonce sent with
 * the request. Each refusal says what failed.
 */
final class IdTokenVerifier {
    static final Duration SKEW = Duration.ofSeconds(60);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String issuer;
    private final String clientId;
    private final Clock clock;

    IdTokenVerifier(JWKSource<SecurityContext> keys, String issuer, String clientId, Clock clock) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(null);
        this.issuer = issuer;
        this.clientId = clientId;
        this.clock = clock;
    }

    JWTClaimsSet verify(String idToken, String nonce) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (ParseException e) {
            throw refused("the ID token is not a JWT");
        } catch (BadJOSEException e) {
            throw refused("the ID token's signature does not verify with the provider's keys (" + e.getMessage() + ")");
        } catch (JOSEException e) {
            throw new ParleyException(ErrorCode.IDENTITY_PROVIDER_ERROR, "the provider's keys could not be read: " + e.getMessage());
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw refused("the ID token's issuer is " + claims.getIssuer() + ", not " + issuer);
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(clientId)) {
            throw refused("the ID token's audience " + audience + " does not include this client (" + clientId + ")");
        }
        String azp = claimString(claims, "azp");
        if (audience.size() > 1 && !clientId.equals(azp)) {
            throw refused("the ID token has several audiences and its azp is not this client");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !now.minus(SKEW).isBefore(exp.toInstant())) {
            throw refused("the ID token has expired" + (exp == null ? " (it has no exp)" : " at " + exp.toInstant()));
        }
        Date iat = claims.getIssueTime();
        if (iat == null || iat.toInstant().isAfter(now.plus(SKEW))) {
            throw refused("the ID token's issue time is missing or in the future");
        }
        if (nonce == null || !nonce.equals(claimString(claims, "nonce"))) {
            throw refused("the ID token's nonce does not match this sign-in");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw refused("the ID token has no subject");
        }
        return claims;
    }

    static String claimString(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    private static ParleyException refused(String why) {
        return new ParleyException(ErrorCode.INVALID_ID_TOKEN, why);
    }
}
