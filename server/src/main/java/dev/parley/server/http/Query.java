package dev.parley.server.http;

import dev.parley.core.error.ParleyException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Typed reads of path and query parameters; anything unreadable is invalid_request. */
public final class Query {
    private Query() {
    }

    public static long pathId(RoutingContext ctx, String name) {
        return Fields.parseId(ctx.pathParam(name), name);
    }

    public static Long optionalLong(RoutingContext ctx, String name) {
        String v = ctx.queryParams().get(name);
        return v == null || v.isEmpty() ? null : Fields.parseId(v, name);
    }

    /** A limit between 1 and {@code max}, or {@code fallback} when absent. */
    public static int limit(RoutingContext ctx, int fallback, int max) {
        Long v = optionalLong(ctx, "limit");
        if (v == null) {
            return fallback;
        }
        if (v < 1 || v > max) {
            throw ParleyException.invalid("limit must be 1-" + max);
        }
        return v.intValue();
    }

    public static String string(RoutingContext ctx, String name) {
        return ctx.queryParams().get(name);
    }

    public static ObjectBody body(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        return new ObjectBody(Json.parseObject(body == null ? new byte[0] : body.getBytes()));
    }
}
