package dev.parley.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.parley.server.push.Aes128Gcm;
import dev.parley.server.push.P256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A push service for tests, on 127.0.0.1: each subscription it makes is a path of its own with the browser's side of
 * RFC 8291 (a P-256 key pair and an auth secret). Every POST is checked as a push service and a browser would: the
 * VAPID token (RFC 8292: ES256 by the key in {@code k}, audience this origin, not expired, a subject) and the
 * {@code aes128gcm} body, which is decrypted with the subscription's private key. A subscription can be made to answer
 * 404 or 410 (gone). Received pushes are queued per subscription; refused ones are recorded as errors.
 */
public final class PushReceiver implements AutoCloseable {
    /** A browser's subscription at this service. */
    public record Subscription(String endpoint, KeyPair keys, byte[] auth) {
        public String p256dh() {
            return P256.base64(P256.encode((ECPublicKey) keys.getPublic()));
        }

        public String authBase64() {
            return P256.base64(auth);
        }
    }

    /** A push as the browser sees it: the decrypted payload and the headers it came with. */
    public record Push(JsonNode payload, String vapidKey, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Subscription> byPath = new ConcurrentHashMap<>();
    private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<Push>> received = new ConcurrentHashMap<>();
    private final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    private final SecureRandom random = new SecureRandom();

    public PushReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            Subscription s = byPath.get(path);
            if (s == null) {
                status = 404;
            } else if (statusByPath.containsKey(path)) {
                status = statusByPath.get(path);
                received.get(path).add(new Push(null, null, exchange.getRequestHeaders()));
            } else {
                try {
                    String key = verifyVapid(exchange.getRequestHeaders().getFirst("Authorization"));
                    if (!"aes128gcm".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                        throw new IllegalStateException("Content-Encoding is not aes128gcm");
                    }
                    byte[] plain = Aes128Gcm.decrypt(body, (ECPrivateKey) s.keys().getPrivate(),
                            (ECPublicKey) s.keys().getPublic(), s.auth());
                    received.get(path).add(new Push(Api.JSON.readTree(plain), key, exchange.getRequestHeaders()));
                    status = 201;
                } catch (Exception e) {
                    errors.add(path + ": " + e);
                    status = 400;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new subscription whose pushes are accepted (201). */
    public Subscription subscription() {
        KeyPair keys = P256.generate();
        byte[] auth = new byte[16];
        random.nextBytes(auth);
        String path = "/push/" + Long.toHexString(random.nextLong());
        Subscription s = new Subscription(origin() + path, keys, auth);
        byPath.put(path, s);
        received.put(path, new LinkedBlockingQueue<>());
        return s;
    }

    /** A subscription the service answers with {@code status} (404, 410: it no longer exists). */
    public Subscription answering(int status) {
        Subscription s = subscription();
        statusByPath.put(path(s), status);
        return s;
    }

    /** The next push to the subscription, waiting up to {@code wait}; null if none came. */
    public Push next(Subscription s, Duration wait) throws InterruptedException {
        return received.get(path(s)).poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int count(Subscription s) {
        return received.get(path(s)).size();
    }

    /** Pushes the service refused (bad signature, undecryptable body...). */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    private static String path(Subscription s) {
        return s.endpoint().substring(s.endpoint().indexOf("/push/"));
    }

    /** Checks {@code vapid t=JWT, k=KEY} and returns KEY. */
    private String verifyVapid(String authorization) throws Exception {
        if (authorization == null || !authorization.startsWith("vapid ")) {
            throw new IllegalStateException("no VAPID authorization");
        }
        String token = null;
        String key = null;
        for (String part : authorization.substring(6).split(",")) {
            String p = part.strip();
            if (p.startsWith("t=")) {
                token = p.substring(2);
            } else if (p.startsWith("k=")) {
                key = p.substring(2);
            }
        }
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.verify(new ECDSAVerifier(P256.publicKey(P256.unbase64(key))))) {
            throw new IllegalStateException("the VAPID signature does not verify");
        }
        if (!"ES256".equals(jwt.getHeader().getAlgorithm().getName())) {
            throw new IllegalStateException("VAPID is not ES256");
        }
        var claims = jwt.getJWTClaimsSet();
        if (!claims.getAudience().equals(List.of(origin()))) {
            throw new IllegalStateException("VAPID audience is " + claims.getAudience());
        }
        if (claims.getExpirationTime() == null || claims.getExpirationTime().before(new Date())
                || claims.getExpirationTime().toInstant().isAfter(new Date().toInstant().plus(Duration.ofHours(24)))) {
            throw new IllegalStateException("VAPID expiry is not within 24 hours");
        }
        if (claims.getSubject() == null) {
            throw new IllegalStateException("VAPID has no subject");
        }
        return key;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
