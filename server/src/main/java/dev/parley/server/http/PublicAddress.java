package dev.parley.server.http;

import io.vertx.ext.web.RoutingContext;

/** The address clients reach this node at: {@code public.url} if set, else what the request was sent to. */
public final class PublicAddress {
    private PublicAddress() {
    }

    public static String of(RoutingContext ctx, String publicUrl) {
        if (publicUrl != null) {
            return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        }
        String host = ctx.request().getHeader("Host");
        return "http://" + (host != null ? host : ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port());
    }
}
