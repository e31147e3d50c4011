package dev.parley.server.oidc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.account.Registration;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Futures;
import dev.parley.server.config.OidcProviderConfig;
import dev.parley.server.http.AccountRoutes;
import dev.parley.server.http.Endpoints;
import dev.parley.server.http.Json;
import dev.parley.server.http.ObjectBody;
import dev.parley.server.http.PublicAddress;
import dev.parley.server.http.Query;
import dev.parley.server.metrics.NodeMetrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sign-in screen needs ({@code GET /auth/config}) and the browser's side of single sign-on: {@code start}
 * sends the browser to the provider, {@code callback} takes it back and sends it to the client with a one-time
 * hand-over code in the fragment ({@code /#oidc=CODE}), or the refusal ({@code /#oidc_error=CODE&message=…});
 * {@code POST /auth/oidc/exchange} turns the code into a session.
 */
public final class OidcRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OidcRoutes.class);

    private final Vertx vertx;
    private final OidcSignIn signIn;
    private final Registration registration;
    private final Endpoints endpoints;
    private final String publicUrl;

    public OidcRoutes(Vertx vertx, OidcSignIn signIn, Registration registration, Endpoints endpoints, String publicUrl) {
        this.vertx = vertx;
        this.signIn = signIn;
        this.registration = registration;
        this.endpoints = endpoints;
        this.publicUrl = publicUrl;
    }

    public void mount(Router api) {
        api.get("/auth/config").handler(endpoints.open(200, ctx -> {
            ObjectNode n = Json.object();
            n.put("registration_mode", registration.mode().wire());
            ArrayNode providers = n.putArray("oidc_providers");
            String base = PublicAddress.of(ctx, publicUrl);
            for (OidcProviderConfig p : signIn.providers()) {
                providers.addObject().put("id", p.id()).put("label", p.label())
                        .put("start_url", base + "/api/v1/auth/oidc/" + p.id() + "/start");
            }
            return n;
        }));
        api.get("/auth/oidc/:provider/start").handler(ctx -> redirect(ctx, () -> {
            String id = ctx.pathParam("provider");
            return signIn.start(id, signIn.redirectUri(id, callbackUri(ctx, id)), Query.string(ctx, "invite"));
        }));
        api.get("/auth/oidc/:provider/callback").handler(ctx -> redirect(ctx, () -> {
            String error = Query.string(ctx, "error");
            if (error != null) {
                String description = Query.string(ctx, "error_description");
                throw new ParleyException(ErrorCode.IDENTITY_PROVIDER_ERROR, "the provider refused the sign-in: " + error
                        + (description == null ? "" : " (" + description + ")"));
            }
            String handover = signIn.finish(ctx.pathParam("provider"), Query.string(ctx, "state"), Query.string(ctx, "code"),
                    ctx.request().remoteAddress().hostAddress());
            return client(ctx) + "/#oidc=" + handover;
        }));
        api.post("/auth/oidc/exchange").handler(endpoints.open(200, ctx -> {
            ObjectBody body = Query.body(ctx);
            return AccountRoutes.authenticated(signIn.exchange(body.requiredString("code"), body.optionalString("device_name")));
        }));
    }

    private String callbackUri(RoutingContext ctx, String providerId) {
        return client(ctx) + "/api/v1/auth/oidc/" + providerId + "/callback";
    }

    private String client(RoutingContext ctx) {
        return PublicAddress.of(ctx, publicUrl);
    }

    /** Runs {@code work} on a worker and redirects to the URL it gives; a refusal goes to the client's sign-in screen. */
    private void redirect(RoutingContext ctx, Callable<String> work) {
        ctx.put(NodeMetrics.ROUTE_KEY, ctx.currentRoute().getPath());
        vertx.executeBlocking(work, false).onComplete(ar -> {
            String location;
            if (ar.succeeded()) {
                location = ar.result();
            } else {
                Throwable cause = Futures.unwrap(ar.cause());
                ParleyException e = cause instanceof ParleyException pe ? pe : new ParleyException(ErrorCode.INTERNAL, "internal error");
                if (!(cause instanceof ParleyException)) {
                    LOG.error("single sign-on failed", cause);
                } else {
                    LOG.info("single sign-on refused: {} {}", e.code().code(), e.getMessage());
                }
                location = client(ctx) + "/#oidc_error=" + e.code().code() + "&message=" + enc(e.getMessage());
            }
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
            }
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
