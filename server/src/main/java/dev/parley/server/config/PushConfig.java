package dev.parley.server.config;

/**
 * Web Push settings (docs/configuration.md): the VAPID keys (base64url; generated into the data directory on a
 * single node when not given), the subject, how bursts collapse, the message TTL, the sending pool, and whether
 * endpoints may be plain http (only for tests: push services are https).
 */
public record PushConfig(boolean enabled, String vapidPublicKey, String vapidPrivateKey, String vapidSubject,
                         int collapseSeconds, int ttlSeconds, int threads, int queue, boolean allowHttp) {

    static PushConfig from(Settings s) {
        return new PushConfig(
                Boolean.parseBoolean(s.string("push.enabled", "true")),
                s.string("push.vapid.public.key", null),
                s.string("push.vapid.private.key", null),
                s.string("push.vapid.subject", null),
                s.integer("push.collapse.seconds", 30),
                s.integer("push.ttl.seconds", 86_400),
                s.integer("push.threads", 2),
                s.integer("push.queue", 10_000),
                Boolean.parseBoolean(s.string("push.allow.http", "false")));
    }
}
