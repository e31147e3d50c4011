package dev.parley.core.notification;

import dev.parley.core.account.Principal;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.id.Snowflake;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;

/**
 * Adding and removing a user's Web Push subscriptions. An endpoint is an absolute https URL (http only where the node
 * allows it, for tests) of at most {@value #MAX_ENDPOINT} characters; {@code p256dh} is a base64url P-256 point
 * (65 bytes, uncompressed) and {@code auth} a base64url 16-byte secret; a user has at most {@value #MAX_PER_USER}.
 */
public final class PushSubscriptions {
    public static final int MAX_ENDPOINT = 2048;
    public static final int MAX_PER_USER = 20;

    private final PushSubscriptionStore store;
    private final Snowflake ids;
    private final Clock clock;
    private final boolean allowHttp;

    public PushSubscriptions(PushSubscriptionStore store, Snowflake ids, Clock clock, boolean allowHttp) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.allowHttp = allowHttp;
    }

    /** Stores the subscription (replacing any with the same endpoint) and returns its id. */
    public long subscribe(Principal caller, String endpoint, String p256dh, String auth) {
        endpoint(endpoint);
        key(p256dh, "keys.p256dh", 65);
        key(auth, "keys.auth", 16);
        if (store.count(caller.userId()) >= MAX_PER_USER) {
            throw new ParleyException(ErrorCode.CONFLICT, "at most " + MAX_PER_USER + " push subscriptions per user");
        }
        return store.add(new PushSubscription(ids.next(), caller.userId(), endpoint, p256dh, auth, clock.instant()));
    }

    public void unsubscribe(Principal caller, long subscriptionId) {
        if (!store.delete(caller.userId(), subscriptionId)) {
            throw ParleyException.notFound("push subscription");
        }
    }

    private void endpoint(String endpoint) {
        if (endpoint.length() > MAX_ENDPOINT) {
            throw ParleyException.invalid("endpoint must be at most " + MAX_ENDPOINT + " characters");
        }
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || allowHttp && scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                throw ParleyException.invalid("endpoint must be an https URL");
            }
        } catch (URISyntaxException e) {
            throw ParleyException.invalid("endpoint must be an https URL");
        }
    }

    private static void key(String value, String name, int bytes) {
        try {
            byte[] decoded = Base64.getUrlDecoder().decode(value.replace('+', '-').replace('/', '_').replace("=", ""));
            if (decoded.length != bytes || bytes == 65 && decoded[0] != 4) {
                throw ParleyException.invalid(name + " must be base64url of " + bytes + " bytes");
            }
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalid(name + " must be base64url of " + bytes + " bytes");
        }
    }
}
