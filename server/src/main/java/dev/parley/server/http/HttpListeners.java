package dev.parley.server.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server per event loop, all on the same port and handler, so every core serves sockets (a server
 * made outside a verticle would put every connection on one event loop). The first binds the configured
 * port (0 picks one); the others then share the port it got.
 */
public final class HttpListeners {
    private final Vertx vertx;
    private final List<String> deployments = new ArrayList<>();
    private int port;

    public HttpListeners(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Listens with {@code instances} servers. Vert.x shares a port between servers only when they ask for
     * the same one, so port 0 is first resolved to a free port (tried again if another process takes it).
     */
    public int start(HttpServerOptions options, Handler<HttpServerRequest> handler, int instances) throws Exception {
        if (options.getPort() != 0) {
            port = deploy(options, handler, instances);
            return port;
        }
        Exception last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                port = deploy(new HttpServerOptions(options).setPort(freePort(options.getHost())), handler, instances);
                return port;
            } catch (Exception e) {
                last = e;
                close();
            }
        }
        throw last;
    }

    private static int freePort(String host) throws java.io.IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return probe.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public void close() throws Exception {
        for (String id : deployments) {
            vertx.undeploy(id).await(10, TimeUnit.SECONDS);
        }
        deployments.clear();
    }

    private int deploy(HttpServerOptions options, Handler<HttpServerRequest> handler, int instances) throws Exception {
        List<HttpServer> servers = new ArrayList<>();
        String id = vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(options).invalidRequestHandler(HttpEdge::invalidRequest).requestHandler(handler).listen().onSuccess(s -> {
                    synchronized (servers) {
                        servers.add(s);
                    }
                });
            }
        }, new DeploymentOptions().setInstances(instances)).await(30, TimeUnit.SECONDS);
        deployments.add(id);
        synchronized (servers) {
            int first = servers.get(0).actualPort();
            if (servers.stream().anyMatch(s -> s.actualPort() != first)) {
                throw new IllegalStateException("servers did not share one port");
            }
            return first;
        }
    }
}
