package dev.parley.server.http;

import dev.parley.server.metrics.NodeMetrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/** Liveness, readiness and Prometheus metrics, outside /api/v1. */
public final class OpsRoutes {
    private final Vertx vertx;
    private final NodeMetrics metrics;
    private final BooleanSupplier ready;

    public OpsRoutes(Vertx vertx, NodeMetrics metrics, BooleanSupplier ready) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.ready = ready;
    }

    public void mount(Router root) {
        root.get("/health/live").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end(Json.write(Json.object().put("status", "up"))));
        root.get("/health/ready").handler(ctx -> vertx.executeBlocking(ready::getAsBoolean, false).onComplete(ar -> {
            boolean up = ar.succeeded() && ar.result();
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("content-type", "application/json")
                    .end(Json.write(Json.object().put("status", up ? "ready" : "not_ready")));
        }));
        root.get("/metrics").handler(ctx -> vertx.executeBlocking(metrics::scrape, false).onComplete(ar -> {
            if (ar.failed()) {
                Endpoints.fail(ctx, ar.cause());
                return;
            }
            ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(ar.result());
        }));
    }
}
