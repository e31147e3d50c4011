package dev.parley.server.cluster;

import dev.parley.core.cluster.NodeDirectory;
import dev.parley.core.cluster.NodeInfo;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's place in the {@link NodeDirectory}: the node id it leased (part of every id it makes, so never
 * shared by two live nodes), the heartbeat that keeps the lease and publishes its address and load every third
 * of the lease, and which node a client should connect to. Threading: any thread.
 */
public final class NodeLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLease.class);

    private final NodeDirectory directory;
    private final Duration ttl;
    private final Clock clock;
    private final int nodeId;
    private Vertx vertx;
    private long timer = -1;

    private NodeLease(NodeDirectory directory, Duration ttl, Clock clock, int nodeId) {
        this.directory = directory;
        this.ttl = ttl;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** Leases {@code wanted} (refused if a live node holds it) or, when null, any free node id. */
    public static NodeLease claim(NodeDirectory directory, Integer wanted, Duration ttl, Clock clock) {
        return new NodeLease(directory, ttl, clock, directory.claim(wanted, ttl, clock.instant()));
    }

    public int nodeId() {
        return nodeId;
    }

    /** Starts the heartbeat: renews the lease and publishes the node's address and connection count. */
    public synchronized void start(Vertx vertx, Supplier<String> url, IntSupplier connections) {
        this.vertx = vertx;
        Runnable beat = () -> {
            try {
                directory.heartbeat(new NodeInfo(nodeId, url.get(), connections.getAsInt(), clock.instant()), ttl,
                        clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("could not renew node {}'s lease: {}", nodeId, e.toString());
            }
        };
        beat.run();
        timer = vertx.setPeriodic(Math.max(100, ttl.toMillis() / 3), id -> vertx.executeBlocking(() -> {
            beat.run();
            return null;
        }, false));
    }

    /**
     * The address of the least-loaded live node; {@code self} (this node as the client reached it) when this is the
     * only one, or when the directory cannot be read.
     */
    public String leastLoaded(String self) {
        try {
            List<NodeInfo> live = directory.live(clock.instant());
            return live.size() <= 1 ? self : live.get(0).url();
        } catch (RuntimeException e) {
            return self;
        }
    }

    /** Stops the heartbeat and gives the id back. */
    @Override
    public synchronized void close() {
        if (vertx != null && timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            directory.release(nodeId);
        } catch (RuntimeException e) {
            LOG.warn("could not release node id {}: {}", nodeId, e.toString());
        }
    }
}
