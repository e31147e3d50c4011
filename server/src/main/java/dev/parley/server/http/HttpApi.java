package dev.parley.server.http;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.function.Consumer;

/** The node's HTTP surface: /api/v1 (REST), operations endpoints and the browser client (the gateway upgrade is taken before it). */
public final class HttpApi {
    private HttpApi() {
    }

    /**
     * @param apiRoutes mount REST routes on the /api/v1 sub-router
     * @param rootRoutes mount routes outside /api/v1 (operations), before the static client
     */
    public static Router build(Vertx vertx, int maxBodyBytes, Handler<RoutingContext> timer,
                               List<Consumer<Router>> apiRoutes, List<Consumer<Router>> rootRoutes) {
        Router root = Router.router(vertx);
        root.route().handler(HttpEdge::check);
        root.route().handler(timer);
        Router api = Router.router(vertx);
        api.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        apiRoutes.forEach(m -> m.accept(api));
        api.route().handler(ctx -> Endpoints.fail(ctx, ParleyException.notFound("endpoint")));
        errors(api);
        root.route("/api/v1/*").subRouter(api);
        rootRoutes.forEach(m -> m.accept(root));
        root.route().handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));
        errors(root);
        return root;
    }

    private static void errors(Router router) {
        router.errorHandler(404, ctx -> Endpoints.fail(ctx, ParleyException.notFound("resource")));
        router.errorHandler(405, ctx -> Endpoints.fail(ctx, new ParleyException(ErrorCode.NOT_FOUND, "no such method here")));
        router.errorHandler(413, ctx -> Endpoints.fail(ctx, new ParleyException(ErrorCode.PAYLOAD_TOO_LARGE, "the body is too large")));
        router.errorHandler(400, ctx -> Endpoints.fail(ctx, ctx.failure() instanceof ParleyException pe ? pe
                : ParleyException.invalid("bad request")));
        router.errorHandler(500, ctx -> Endpoints.fail(ctx, ctx.failure() == null
                ? new ParleyException(ErrorCode.INTERNAL, "internal error") : ctx.failure()));
    }
}
