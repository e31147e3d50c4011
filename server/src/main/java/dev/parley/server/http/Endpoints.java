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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a call into a route handler: the call runs on a worker thread (core and stores block), may answer
 * with a JSON node, JSON already written to a buffer ({@link Json#buffer(int, Json.Writing)}), a future of either, or
 * null for 204, and every failure leaves as the contract's error.
 *
 * <p>The worker threads are the node's pool for REST calls ({@code calls}), not Vert.x's: the answer comes back to
 * the event loop through a {@link CompletableFuture}. Measured on a 1,000,000-message history, that took 0.5-1 ms
 * off the p99 of a page against the same call through Vert.x's {@code executeBlocking}, where the pool behind it
 * (Vert.x's own, or a fork-join pool in its place) made no difference (docs/benchmarks.md, "History p99").
 *
 * <p>Calls that hash a password (sign-up, login) are slow on purpose, so they run on a small pool of their own
 * ({@code password.hash.threads}) instead of the shared workers: a burst of them waits there and cannot starve
 * other requests. At most {@code password.hash.queue} may be waiting or running at once; beyond that they are
 * refused at once with 503 {@code unavailable}.
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
    private final Executor calls;
    private final AccountService accounts;
    private final WorkerExecutor passwordPool;
    private final int passwordQueue;
    private final AtomicInteger passwordCalls = new AtomicInteger();

    public Endpoints(Vertx vertx, Executor calls, AccountService accounts, int passwordThreads, int passwordQueue) {
        this.vertx = vertx;
        this.calls = calls;
        this.accounts = accounts;
        this.passwordPool = vertx.createSharedWorkerExecutor("parley-passwords", passwordThreads);
        this.passwordQueue = passwordQueue;
    }

    public Handler<RoutingContext> open(int status, Call call) {
        return ctx -> run(ctx, status, loop -> onWorker(loop, () -> encoded(call.call(ctx))));
    }

    public Handler<RoutingContext> authed(int status, AuthedCall call) {
        return ctx -> run(ctx, status,
                loop -> onWorker(loop, () -> encoded(call.call(accounts.authenticate(bearer(ctx)), ctx))));
    }

    /** Runs {@code work} on the pool for REST calls; its outcome comes back on the calling event loop. */
    private Future<Object> onWorker(Context loop, Callable<Object> work) {
        return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, calls), loop);
    }

    /** A call without a token that hashes a password: on the password pool, bounded (see above). */
    public Handler<RoutingContext> hashing(int status, Call call) {
        return ctx -> run(ctx, status, loop -> {
            if (passwordCalls.incrementAndGet() > passwordQueue) {
                passwordCalls.decrementAndGet();
                return Future.failedFuture(new ParleyException(ErrorCode.UNAVAILABLE,
                        "too many sign-ins at once; try again shortly"));
            }
            return passwordPool.executeBlocking(() -> encoded(call.call(ctx)), false).andThen(ar -> passwordCalls.decrementAndGet());
        });
    }

    /** Starts a call with the event loop's context ({@code start} gets it) and answers when it is done. */
    private void run(RoutingContext ctx, int status, Function<Context, Future<Object>> start) {
        ctx.put(NodeMetrics.ROUTE_KEY, ctx.currentRoute().getPath());
        Context context = vertx.getOrCreateContext();
        start.apply(context)
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

    /**
     * A JSON answer is written to bytes where it was made (a worker), so that the event loop only hands them to the
     * socket; anything else (bytes already, a future, nothing) passes through.
     */
    private static Object encoded(Object result) {
        return result instanceof JsonNode json ? Json.buffer(json) : result;
    }

    private static void respond(RoutingContext ctx, int status, Object result) {
        if (ctx.response().ended()) {
            return;
        }
        if (result == null) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        Buffer body = result instanceof Buffer encoded ? encoded : Json.buffer((JsonNode) result);
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
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
