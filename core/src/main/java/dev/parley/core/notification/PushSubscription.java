package dev.parley.core.notification;

import java.time.Instant;

/**
 * A browser's Web Push subscription (RFC 8030): the push service's {@code endpoint} and the keys that encrypt
 * messages for it (RFC 8291): {@code p256dh}, the browser's P-256 public key, and {@code auth}, its authentication
 * secret, both base64url as the browser gives them.
 */
public record PushSubscription(long id, long userId, String endpoint, String p256dh, String auth, Instant createdAt) {
}
