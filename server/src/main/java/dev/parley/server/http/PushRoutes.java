package dev.parley.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.notification.PushSubscriptions;
import io.vertx.ext.web.Router;

/**
 * Web Push: the node's VAPID public key and the caller's subscriptions. When Web Push is off (see
 * docs/configuration.md) every call answers 404 {@code not_found}.
 */
public final class PushRoutes {
    private final PushSubscriptions subscriptions;
    private final String vapidPublicKey;
    private final Endpoints endpoints;

    /** @param subscriptions null, and {@code vapidPublicKey} null, when Web Push is off */
    public PushRoutes(PushSubscriptions subscriptions, String vapidPublicKey, Endpoints endpoints) {
        this.subscriptions = subscriptions;
        this.vapidPublicKey = vapidPublicKey;
        this.endpoints = endpoints;
    }

    public void mount(Router api) {
        api.get("/push/vapid-public-key").handler(endpoints.authed(200, (caller, ctx) ->
                Json.object().put("key", on().vapidPublicKey)));
        api.post("/push/subscriptions").handler(endpoints.authed(201, (caller, ctx) -> {
            ObjectBody body = Query.body(ctx);
            JsonNode keys = body.node().get("keys");
            if (!(keys instanceof ObjectNode keyObject)) {
                throw ParleyException.invalid("keys is required: {p256dh, auth}");
            }
            ObjectBody k = new ObjectBody(keyObject);
            long id = on().subscriptions.subscribe(caller, body.requiredString("endpoint"), k.requiredString("p256dh"),
                    k.requiredString("auth"));
            return Json.object().put("id", Wire.id(id));
        }));
        api.delete("/push/subscriptions/:id").handler(endpoints.authed(204, (caller, ctx) -> {
            on().subscriptions.unsubscribe(caller, Query.pathId(ctx, "id"));
            return null;
        }));
    }

    private PushRoutes on() {
        if (subscriptions == null) {
            throw ParleyException.notFound("Web Push on this server");
        }
        return this;
    }
}
