package dev.parley.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which chat nodes are alive, what each is called and how loaded it is (in process by default; Redis in a
 * cluster). A node leases its {@code node.id} here (it is part of every message id it makes, so two live nodes must
 * never share one) and renews the lease with its heartbeat; a node that dies stops renewing and its lease, and its
 * place in {@link #live}, run out by themselves.
 *
 * <p>Across processes: a claim is atomic, so two nodes claiming at once never get the same id; what one node
 * publishes in its heartbeat is seen by every node's next {@link #live}.
 */
public interface NodeDirectory extends AutoCloseable {
    /**
     * Takes a node id no live node holds, for {@code ttl}: {@code wanted} if it is free, or any free one in
     * 0..1023 when {@code wanted} is null. Fails with {@link IllegalStateException} when none is free.
     */
    int claim(Integer wanted, Duration ttl, Instant now);

    /** Renews the claim on {@code nodeId} and publishes the node's address and load, both valid for {@code ttl}. */
    void heartbeat(NodeInfo self, Duration ttl, Instant now);

    /** The nodes whose heartbeat has not run out, least loaded first. */
    List<NodeInfo> live(Instant now);

    /** Gives the id back and leaves the directory (a graceful stop). */
    void release(int nodeId);

    @Override
    default void close() {
    }
}
