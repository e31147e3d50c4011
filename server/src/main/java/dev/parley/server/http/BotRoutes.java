package dev.parley.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.account.BotService;
import dev.parley.core.error.ParleyException;
import io.vertx.ext.web.Router;
import java.util.LinkedHashSet;
import java.util.Set;

/** Bots the caller owns and their API tokens. */
public final class BotRoutes {
    private final BotService bots;
    private final Endpoints endpoints;

    public BotRoutes(BotService bots, Endpoints endpoints) {
        this.bots = bots;
        this.endpoints = endpoints;
    }

    public void mount(Router api) {
        api.post("/bots").handler(endpoints.authed(201, (caller, ctx) -> {
            ObjectBody body = Query.body(ctx);
            return Wire.user(bots.create(caller, body.requiredString("username"), body.optionalString("display_name")));
        }));
        api.get("/bots").handler(endpoints.authed(200, (caller, ctx) -> {
            ObjectNode n = Json.object();
            n.set("bots", Wire.users(bots.list(caller)));
            return n;
        }));
        api.delete("/bots/:id").handler(endpoints.authed(204, (caller, ctx) -> {
            bots.delete(caller, Query.pathId(ctx, "id"));
            return null;
        }));
        api.post("/bots/:id/tokens").handler(endpoints.authed(201, (caller, ctx) -> {
            long botId = Query.pathId(ctx, "id");
            ObjectBody body = Query.body(ctx);
            return Wire.botToken(bots.createToken(caller, botId, body.requiredString("name"),
                    send(body.requiredString("scope")), conversationIds(body.node().get("conversation_ids"))));
        }));
        api.get("/bots/:id/tokens").handler(endpoints.authed(200, (caller, ctx) -> {
            ObjectNode n = Json.object();
            ArrayNode tokens = n.putArray("tokens");
            bots.tokens(caller, Query.pathId(ctx, "id")).forEach(t -> tokens.add(Wire.botToken(t)));
            return n;
        }));
        api.delete("/bots/:id/tokens/:tokenId").handler(endpoints.authed(204, (caller, ctx) -> {
            bots.revokeToken(caller, Query.pathId(ctx, "id"), Query.pathId(ctx, "tokenId"));
            return null;
        }));
    }

    private static boolean send(String scope) {
        return switch (scope) {
            case "read" -> false;
            case "read_send" -> true;
            default -> throw ParleyException.invalid("scope must be \"read\" or \"read_send\"");
        };
    }

    private static Set<Long> conversationIds(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ParleyException.invalid("conversation_ids must be an array of ids");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode id : node) {
            if (!id.isTextual() && !id.isIntegralNumber()) {
                throw ParleyException.invalid("conversation_ids must be an array of ids");
            }
            ids.add(Fields.parseId(id.asText(), "conversation_ids"));
        }
        return ids;
    }
}
