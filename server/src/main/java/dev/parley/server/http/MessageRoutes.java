package dev.parley.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.message.HistoryPage;
import dev.parley.core.message.HistoryQuery;
import dev.parley.core.message.MessageService;
import dev.parley.server.wire.LogFrames;
import io.vertx.ext.web.Router;
import java.util.List;

/** History, the log's events, sending, editing, deleting and read markers. */
public final class MessageRoutes {
    /** The first size of a history page's buffer: its users and flags, and about what a message of chat text takes. */
    private static final int PAGE_BYTES = 1024;
    private static final int MESSAGE_BYTES = 400;

    private final MessageService messages;
    private final ConversationService conversations;
    private final Endpoints endpoints;

    public MessageRoutes(MessageService messages, ConversationService conversations, Endpoints endpoints) {
        this.messages = messages;
        this.conversations = conversations;
        this.endpoints = endpoints;
    }

    public void mount(Router api) {
        api.get("/conversations/:id/messages").handler(endpoints.authed(200, (caller, ctx) -> {
            boolean withEvents = "true".equals(Query.string(ctx, "with_events"));
            HistoryPage page = messages.history(caller, Query.pathId(ctx, "id"), new HistoryQuery(
                    Query.optionalLong(ctx, "before_seq"), Query.optionalLong(ctx, "after_seq"),
                    Query.optionalLong(ctx, "around_seq"), Query.optionalLong(ctx, "around_id"), Query.optionalLong(ctx, "limit"),
                    withEvents));
            List<JsonNode> events = withEvents ? page.events().stream().<JsonNode>map(LogFrames::frame).toList() : null;
            return Json.buffer(PAGE_BYTES + MESSAGE_BYTES * page.messages().size(), g -> Wire.history(g, page, events));
        }));
        api.get("/conversations/:id/events").handler(endpoints.authed(200, (caller, ctx) ->
                LogFrames.page(messages.events(caller, Query.pathId(ctx, "id"), Query.optionalLong(ctx, "after_seq"),
                        Query.optionalLong(ctx, "limit")))));
        api.post("/conversations/:id/messages").handler(endpoints.authed(201, (caller, ctx) -> {
            long id = Query.pathId(ctx, "id");
            ObjectBody body = Query.body(ctx);
            return messages.send(caller, id, body.requiredString("content"), body.optionalString("nonce"),
                    body.optionalId("reply_to")).thenApply(Wire::message);
        }));
        api.patch("/conversations/:id/messages/:messageId").handler(endpoints.authed(200, (caller, ctx) -> {
            long id = Query.pathId(ctx, "id");
            long messageId = Query.pathId(ctx, "messageId");
            return messages.edit(caller, id, messageId, Query.body(ctx).requiredString("content")).thenApply(Wire::message);
        }));
        api.delete("/conversations/:id/messages/:messageId").handler(endpoints.authed(204, (caller, ctx) ->
                messages.delete(caller, Query.pathId(ctx, "id"), Query.pathId(ctx, "messageId")).thenApply(v -> null)));
        api.post("/conversations/:id/read").handler(endpoints.authed(204, (caller, ctx) -> {
            long id = Query.pathId(ctx, "id");
            conversations.markRead(caller, id, Query.body(ctx).requiredLong("seq"));
            return null;
        }));
    }
}
