package dev.parley.server.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.server.config.PushConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's VAPID identity (RFC 8292): a P-256 key pair whose public half browsers bind their subscriptions to, and
 * the JWT that signs each push ({@code Authorization: vapid t=JWT, k=public key}). Keys come from the settings
 * {@code push.vapid.public.key} / {@code push.vapid.private.key}, or, on a single node, from {@value #FILE} in the
 * data directory, made on first start. Nodes of a cluster must share one key pair: with a shared store and no keys
 * configured, Web Push is off (a key per node would break every subscription made on another node).
 */
public record Vapid(ECPublicKey publicKey, ECPrivateKey privateKey, String subject) {
    public static final String FILE = "vapid-keys.properties";
    private static final Logger LOG = LoggerFactory.getLogger(Vapid.class);
    private static final Duration VALIDITY = Duration.ofHours(12);

    /** The node's keys, or empty when Web Push is off. */
    public static Optional<Vapid> load(PushConfig config, Path dataDir, boolean clustered, String publicUrl) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        String subject = config.vapidSubject() != null ? config.vapidSubject()
                : publicUrl != null && publicUrl.startsWith("https://") ? publicUrl : "mailto:parley@localhost";
        if (config.vapidPublicKey() != null || config.vapidPrivateKey() != null) {
            if (config.vapidPublicKey() == null || config.vapidPrivateKey() == null) {
                throw new IllegalArgumentException("set both push.vapid.public.key and push.vapid.private.key, or neither");
            }
            return Optional.of(of(config.vapidPublicKey(), config.vapidPrivateKey(), subject));
        }
        if (clustered) {
            LOG.warn("Web Push is off: nodes sharing a database need one VAPID key pair; set push.vapid.public.key and "
                    + "push.vapid.private.key (see docs/configuration.md)");
            return Optional.empty();
        }
        return Optional.of(fromFile(dataDir.resolve(FILE), subject));
    }

    static Vapid of(String publicKey, String privateKey, String subject) {
        try {
            return new Vapid(P256.publicKey(P256.unbase64(publicKey)), P256.privateKey(P256.unbase64(privateKey)), subject);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the VAPID keys are not base64url P-256 keys: " + e.getMessage(), e);
        }
    }

    private static Vapid fromFile(Path file, String subject) {
        try {
            Properties p = new Properties();
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    p.load(r);
                }
                return of(p.getProperty("public.key"), p.getProperty("private.key"), subject);
            }
            KeyPair pair = P256.generate();
            p.setProperty("public.key", P256.base64(P256.encode((ECPublicKey) pair.getPublic())));
            p.setProperty("private.key", P256.base64(P256.encode((ECPrivateKey) pair.getPrivate())));
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Parley's VAPID key pair for Web Push: keep it; a new one invalidates every browser's subscription");
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions apply
            }
            Files.move(tmp, file);
            LOG.info("made a VAPID key pair for Web Push in {}", file);
            return new Vapid((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate(), subject);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** The public key as browsers take it ({@code applicationServerKey}): base64url of the uncompressed point. */
    public String publicKeyBase64() {
        return P256.base64(P256.encode(publicKey));
    }

    /** The {@code Authorization} header for a push to {@code endpoint}. */
    public String authorization(URI endpoint, Instant now) {
        String audience = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(audience)
                .expirationTime(Date.from(now.plus(VALIDITY)))
                .subject(subject)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a VAPID token", e);
        }
        return "vapid t=" + jwt.serialize() + ", k=" + publicKeyBase64();
    }
}
