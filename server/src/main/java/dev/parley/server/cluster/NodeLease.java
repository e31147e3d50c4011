package dev.parley.server.cluster;

import dev.parley.core.cluster.NodeDirectory;
import dev.parley.core.cluster.NodeInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's place in the {@link NodeDirectory}: the node id it leased (part of every id it makes, so never
 * shared by two live nodes), the heartbeat that keeps the lease from the claim on and, once the node serves,
 * publishes its address and load, every third of the lease, and which node a client should connect to. Threading: any thread.
 */
public final class NodeLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLease.class);

    private final NodeDirectory directory;
    private final Duration ttl;
    private final Clock clock;
    private final int nodeId;
    private final String owner;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-node-lease").daemon(true).factory());
    private final AtomicBoolean taken = new AtomicBoolean();
    private volatile Supplier<String> url = () -> null;
    private volatile IntSupplier connections = () -> 0;
    private volatile Runnable lost;

    private NodeLease(NodeDirectory directory, Duration ttl, Clock clock, int nodeId, String owner) {
        this.directory = directory;
        this.ttl = ttl;
        this.clock = clock;
        this.nodeId = nodeId;
        this.owner = owner;
    }

    /**
     * Leases {@code wanted} (refused if a live node holds it) or, when null, any free node id, and keeps renewing it
     * from now on, every third of the lease: a node may take longer than its lease to start (engines to reach,
     * migrations), and its id must stay its own meanwhile. Until {@link #start} the node is not listed as live.
     */
    public static NodeLease claim(NodeDirectory directory, Integer wanted, Duration ttl, Clock clock) {
        String owner = UUID.randomUUID().toString();
        NodeLease lease = new NodeLease(directory, ttl, clock, directory.claim(wanted, owner, ttl, clock.instant()), owner);
        long every = Math.max(100, ttl.toMillis() / 3);
        lease.beats.scheduleWithFixedDelay(lease::beat, every, every, TimeUnit.MILLISECONDS);
        return lease;
    }

    public int nodeId() {
        return nodeId;
    }

    /**
     * Lists the node as live: from now on the heartbeat publishes its address and connection count. If the lease ran
     * out at some point (the node was unresponsive past it) and another node took the id, {@code lost} runs once: this
     * node must stop, or two nodes would make the same ids.
     */
    public void start(Supplier<String> url, IntSupplier connections, Runnable lost) {
        this.url = url;
        this.connections = connections;
        this.lost = lost;
        if (taken.get()) {
            lost.run();
            return;
        }
        beats.execute(this::beat);
    }

    private void beat() {
        try {
            if (!directory.heartbeat(new NodeInfo(nodeId, url.get(), connections.getAsInt(), clock.instant()), owner, ttl,
                    clock.instant()) && taken.compareAndSet(false, true)) {
                LOG.error("node id {} was taken by another node while this one did not renew it: stopping", nodeId);
                Runnable told = lost;
                if (told != null) {
                    told.run();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not renew node {}'s lease: {}", nodeId, e.toString());
        }
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
    public void close() {
        beats.shutdownNow();
        try {
            beats.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            directory.release(nodeId, owner);
        } catch (RuntimeException e) {
            LOG.warn("could not release node id {}: {}", nodeId, e.toString());
        }
    }
}
