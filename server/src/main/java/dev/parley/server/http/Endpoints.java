package dev.parley.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.Principal;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Futures;
import dev.parley.server.metrics.NodeMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a call into a route handler: the call runs on a worker thread (core and stores block), may answer
 * with a JSON node, a future of one, or null for 204, and every failure leaves as the contract's error.
 */
public final class Endpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);

    @FunctionalInterface
    public interface Call {
        Object call(RoutingContext ctx) throws Exception;
    }

    @FunctionalInterface
    public interface AuthedCall {
        Object call(Principal caller, RoutingContext ctx) throws Exception;
    }

    private final Vertx vertx;
    private final AccountService accounts;

    public Endpoints(Vertx vertx, AccountService accounts) {
        this.vertx = vertx;
        this.accounts = accounts;
    }

    public Handler<RoutingContext> open(int status, Call call) {
        return ctx -> run(ctx, status, call);
    }

    public Handler<RoutingContext> authed(int status, AuthedCall call) {
        return ctx -> run(ctx, status, c -> call.call(accounts.authenticate(bearer(c)), c));
    }

    private void run(RoutingContext ctx, int status, Call call) {
        ctx.put(NodeMetrics.ROUTE_KEY, ctx.currentRoute().getPath());
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> call.call(ctx), false)
                .compose(result -> result instanceof CompletableFuture<?> cf
                        ? Future.fromCompletionStage(cf, context).map(v -> (Object) v) : Future.succeededFuture(result))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        fail(ctx, ar.cause());
                    } else {
                        respond(ctx, status, ar.result());
                    }
                });
    }

    private static void respond(RoutingContext ctx, int status, Object result) {
        if (ctx.response().ended()) {
            return;
        }
        if (result == null) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(Json.write((JsonNode) result));
    }

    /**
     * Answers with the contract's error shape; anything that is not a refusal is logged and answered 500. A refusal
     * that reached us through a future (the log's, say) may come wrapped in CompletionExceptions: unwrapped here, once.
     */
    public static void fail(RoutingContext ctx, Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? Futures.unwrap(failure) : failure;
        answer(ctx.response(), cause instanceof ParleyException pe ? pe : internal(cause));
    }

    /** Answers with the contract's error shape, {@code Retry-After} (whole seconds, rounded up) on a wait; unless already answered. */
    public static void answer(HttpServerResponse response, ParleyException e) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(e.code().httpStatus()).putHeader("content-type", "application/json");
        if (e.retryAfterMs() != null) {
            response.putHeader("Retry-After", Long.toString(Math.max(1, (e.retryAfterMs() + 999) / 1000)));
        }
        response.end(Json.write(Wire.error(e)));
    }

    private static ParleyException internal(Throwable failure) {
        LOG.error("request failed", failure);
        return new ParleyException(ErrorCode.INTERNAL, "internal error");
    }

    private static String bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ParleyException(ErrorCode.UNAUTHORIZED, "a bearer token is required");
        }
        return header.substring(7).trim();
    }
}
