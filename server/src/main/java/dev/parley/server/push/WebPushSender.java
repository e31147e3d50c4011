package dev.parley.server.push;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.notification.PushMessage;
import dev.parley.core.notification.PushSender;
import dev.parley.core.notification.PushSubscription;
import dev.parley.server.http.Json;
import dev.parley.server.http.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web Push over HTTP (RFC 8030): the payload JSON {@code {conversation_id, message_id, seq, title, body}} encrypted for
 * the subscription ({@link Aes128Gcm}), signed with the node's VAPID key ({@link Vapid}), POSTed to its endpoint with a
 * {@code TTL}, an {@code Urgency} and a {@code Topic} (so an undelivered earlier push of the conversation is replaced).
 * 2xx is delivered; 404 and 410 mean the subscription is gone; anything else (or no answer) failed.
 */
public final class WebPushSender implements PushSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebPushSender.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Pushes waiting for an answer at once; beyond, a push fails at once (the node never queues without bound). */
    private static final int IN_FLIGHT = 64;

    private final Vapid vapid;
    private final HttpClient http;
    private final Clock clock;
    private final int ttlSeconds;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

    public WebPushSender(Vapid vapid, Clock clock, int ttlSeconds) {
        this.vapid = vapid;
        this.clock = clock;
        this.ttlSeconds = ttlSeconds;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public CompletableFuture<Outcome> send(PushSubscription s, PushMessage message, String topic) {
        URI endpoint;
        byte[] body;
        try {
            endpoint = URI.create(s.endpoint());
            body = Aes128Gcm.encrypt(payload(message), P256.publicKey(P256.unbase64(s.p256dh())), P256.unbase64(s.auth()));
        } catch (IllegalArgumentException e) {
            LOG.debug("push subscription {} is unusable: {}", s.id(), e.getMessage());
            return CompletableFuture.completedFuture(Outcome.GONE);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Authorization", vapid.authorization(endpoint, clock.instant()))
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("TTL", Integer.toString(ttlSeconds))
                .header("Urgency", "high")
                .header("Topic", topicHeader(topic))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.completedFuture(failed(s, "too many pushes in flight"));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, t) -> inFlight.release())
                .thenApply(r -> switch (r.statusCode()) {
                    case 404, 410 -> Outcome.GONE;
                    default -> r.statusCode() / 100 == 2 ? Outcome.DELIVERED : failed(s, "status " + r.statusCode());
                })
                .exceptionally(t -> failed(s, t.toString()));
    }

    private static Outcome failed(PushSubscription s, String why) {
        LOG.debug("push to subscription {} failed: {}", s.id(), why);
        return Outcome.FAILED;
    }

    static byte[] payload(PushMessage m) {
        ObjectNode n = Json.object();
        n.put("conversation_id", Wire.id(m.conversationId()));
        n.put("message_id", Wire.id(m.messageId()));
        n.put("seq", m.seq());
        n.put("title", m.title());
        n.put("body", m.body());
        return Json.write(n).getBytes(StandardCharsets.UTF_8);
    }

    /** A Topic is at most 32 characters of the base64url alphabet: a digest of the conversation's topic. */
    static String topicHeader(String topic) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(topic.getBytes(StandardCharsets.UTF_8));
            return P256.base64(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
