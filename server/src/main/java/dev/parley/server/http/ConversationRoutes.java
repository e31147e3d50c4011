package dev.parley.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.Page;
import dev.parley.core.account.User;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationView;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.error.ParleyException;
import dev.parley.core.notification.NotifyLevel;
import io.vertx.ext.web.Router;

/** Conversations, channels and their members, and DMs. */
public final class ConversationRoutes {
    private static final int PAGE_DEFAULT = 50;
    private static final int PAGE_MAX = 100;

    private final ConversationService conversations;
    private final Endpoints endpoints;

    public ConversationRoutes(ConversationService conversations, Endpoints endpoints) {
        this.conversations = conversations;
        this.endpoints = endpoints;
    }

    public void mount(Router api) {
        api.get("/conversations").handler(endpoints.authed(200, (caller, ctx) -> {
            ObjectNode n = Json.object();
            n.set("conversations", Wire.conversations(conversations.list(caller)));
            return n;
        }));
        api.get("/conversations/:id").handler(endpoints.authed(200, (caller, ctx) ->
                Wire.conversation(conversations.get(caller, Query.pathId(ctx, "id")))));
        api.post("/channels").handler(endpoints.authed(201, (caller, ctx) -> {
            ObjectBody body = Query.body(ctx);
            return Wire.conversation(conversations.createChannel(caller, body.requiredString("name"),
                    body.optionalString("topic"), visibility(body.requiredString("visibility"))));
        }));
        api.get("/channels/public").handler(endpoints.authed(200, (caller, ctx) -> {
            Page<ConversationView> page = conversations.publicChannels(caller, Query.string(ctx, "q"),
                    Query.string(ctx, "cursor"), Query.limit(ctx, PAGE_DEFAULT, PAGE_MAX));
            ObjectNode n = Json.object();
            n.set("channels", Wire.conversations(page.items()));
            n.put("next_cursor", page.nextCursor());
            return n;
        }));
        api.patch("/channels/:id").handler(endpoints.authed(200, (caller, ctx) -> {
            long id = Query.pathId(ctx, "id");
            ObjectBody body = Query.body(ctx);
            return Wire.conversation(conversations.update(caller, id, body.optionalString("name"), body.optionalString("topic"),
                    body.optionalBoolean("members_may_mention_all")));
        }));
        api.put("/conversations/:id/notifications").handler(endpoints.authed(204, (caller, ctx) -> {
            long id = Query.pathId(ctx, "id");
            ObjectBody body = Query.body(ctx);
            conversations.setNotifications(caller, id, NotifyLevel.parse(body.requiredString("notify")),
                    body.optionalTime("muted_until"));
            return null;
        }));
        api.delete("/channels/:id").handler(endpoints.authed(204, (caller, ctx) -> {
            conversations.delete(caller, Query.pathId(ctx, "id"));
            return null;
        }));
        api.post("/channels/:id/join").handler(endpoints.authed(200, (caller, ctx) ->
                Wire.conversation(conversations.join(caller, Query.pathId(ctx, "id")))));
        api.post("/channels/:id/leave").handler(endpoints.authed(204, (caller, ctx) -> {
            conversations.leave(caller, Query.pathId(ctx, "id"));
            return null;
        }));
        api.get("/channels/:id/members").handler(endpoints.authed(200, (caller, ctx) -> {
            Page<User> page = conversations.members(caller, Query.pathId(ctx, "id"), Query.string(ctx, "cursor"),
                    Query.limit(ctx, PAGE_DEFAULT, PAGE_MAX));
            ObjectNode n = Json.object();
            n.set("members", Wire.users(page.items()));
            n.put("next_cursor", page.nextCursor());
            return n;
        }));
        api.put("/channels/:id/members/:userId").handler(endpoints.authed(204, (caller, ctx) -> {
            conversations.addMember(caller, Query.pathId(ctx, "id"), Query.pathId(ctx, "userId"));
            return null;
        }));
        api.delete("/channels/:id/members/:userId").handler(endpoints.authed(204, (caller, ctx) -> {
            conversations.removeMember(caller, Query.pathId(ctx, "id"), Query.pathId(ctx, "userId"));
            return null;
        }));
        api.put("/channels/:id/bans/:userId").handler(endpoints.authed(204, (caller, ctx) -> {
            conversations.ban(caller, Query.pathId(ctx, "id"), Query.pathId(ctx, "userId"));
            return null;
        }));
        api.delete("/channels/:id/bans/:userId").handler(endpoints.authed(204, (caller, ctx) -> {
            conversations.unban(caller, Query.pathId(ctx, "id"), Query.pathId(ctx, "userId"));
            return null;
        }));
        api.get("/channels/:id/bans").handler(endpoints.authed(200, (caller, ctx) -> {
            ObjectNode n = Json.object();
            n.set("users", Wire.users(conversations.bans(caller, Query.pathId(ctx, "id"))));
            return n;
        }));
        api.post("/dms").handler(endpoints.authed(200, (caller, ctx) ->
                Wire.conversation(conversations.openDm(caller, Query.body(ctx).requiredString("username")))));
    }

    private static Visibility visibility(String value) {
        return switch (value) {
            case "public" -> Visibility.PUBLIC;
            case "private" -> Visibility.PRIVATE;
            default -> throw ParleyException.invalid("visibility must be \"public\" or \"private\"");
        };
    }
}
