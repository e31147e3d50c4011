package dev.parley.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.presence.PresenceService;
import dev.parley.core.presence.StatusChoice;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Presence queries and status, and where to open the gateway. */
public final class PresenceRoutes {
    private static final int MAX_IDS = 1_000;

    private final PresenceService presence;
    private final Endpoints endpoints;
    private final String publicUrl;
    private final UnaryOperator<String> leastLoaded;

    /** @param leastLoaded given this node's address as the client reached it, the address of the node to use */
    public PresenceRoutes(PresenceService presence, Endpoints endpoints, String publicUrl, UnaryOperator<String> leastLoaded) {
        this.presence = presence;
        this.endpoints = endpoints;
        this.publicUrl = publicUrl;
        this.leastLoaded = leastLoaded;
    }

    public void mount(Router api) {
        api.get("/presence").handler(endpoints.authed(200, (caller, ctx) -> {
            String raw = Query.string(ctx, "user_ids");
            if (raw == null || raw.isBlank()) {
                throw ParleyException.invalid("user_ids is required");
            }
            String[] parts = raw.split(",", -1);
            if (parts.length > MAX_IDS) {
                throw ParleyException.invalid("at most " + MAX_IDS + " user_ids");
            }
            List<Long> ids = new ArrayList<>();
            for (String part : parts) {
                ids.add(Fields.parseId(part.strip(), "user_ids"));
            }
            ObjectNode n = Json.object();
            ArrayNode list = n.putArray("presence");
            presence.query(ids).forEach(v -> {
                ObjectNode p = list.addObject();
                p.put("user_id", Wire.id(v.userId()));
                p.put("status", v.status().wire());
                p.put("last_seen_at", Wire.time(v.lastSeenAt()));
            });
            return n;
        }));
        api.put("/presence").handler(endpoints.authed(204, (caller, ctx) -> {
            presence.choose(caller.userId(), StatusChoice.parse(Query.body(ctx).requiredString("status")));
            return null;
        }));
        api.get("/gateway").handler(endpoints.open(200, ctx -> {
            String host = ctx.request().getHeader("Host");
            String self = publicUrl != null ? publicUrl
                    : "http://" + (host != null ? host : ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port());
            String url = leastLoaded.apply(self).replaceFirst("^http", "ws") + "/gateway";
            return Json.object().put("url", url);
        }));
    }
}
