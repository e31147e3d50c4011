package dev.parley.server.cluster;

import dev.parley.core.cluster.NodeDirectory;
import dev.parley.core.cluster.NodeInfo;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final String owner;
    private Vertx vertx;
    private long timer = -1;

    private NodeLease(NodeDirectory directory, Duration ttl, Clock clock, int nodeId, String owner) {
        this.directory = directory;
        this.ttl = ttl;
        this.clock = clock;
        this.nodeId = nodeId;
        this.owner = owner;
    }

    /** Leases {@code wanted} (refused if a live node holds it) or, when null, any free node id. */
    public static NodeLease claim(NodeDirectory directory, Integer wanted, Duration ttl, Clock clock) {
        String owner = UUID.randomUUID().toString();
        return new NodeLease(directory, ttl, clock, directory.claim(wanted, owner, ttl, clock.instant()), owner);
    }

    public int nodeId() {
        return nodeId;
    }

    /**
     * Starts the heartbeat: renews the lease and publishes the node's address and connection count. If the lease
     * ran out meanwhile (the node was unresponsive past it) and another node took the id, {@code lost} runs once:
     * this node must stop, or two nodes would make the same ids.
     */
    public synchronized void start(Vertx vertx, Supplier<String> url, IntSupplier connections, Runnable lost) {
        this.vertx = vertx;
        AtomicBoolean told = new AtomicBoolean();
        Runnable beat = () -> {
            try {
                if (!directory.heartbeat(new NodeInfo(nodeId, url.get(), connections.getAsInt(), clock.instant()), owner,
                        ttl, clock.instant()) && told.compareAndSet(false, true)) {
                    LOG.error("node id {} was taken by another node while this one did not renew it: stopping", nodeId);
                    lost.run();
                }
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
            directory.release(nodeId, owner);
        } catch (RuntimeException e) {
            LOG.warn("could not release node id {}: {}", nodeId, e.toString());
        }
    }
}
