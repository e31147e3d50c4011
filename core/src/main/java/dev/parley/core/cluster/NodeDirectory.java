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
 * <p>Each claim is made by an {@code owner} (a token unique to the node's process), so a node that stopped renewing
 * (paused past its lease) learns from its next heartbeat that another node took its id, rather than overwrite it.
 *
 * <p>Across processes: a claim is atomic, so two nodes claiming at once never get the same id; what one node
 * publishes in its heartbeat is seen by every node's next {@link #live}.
 */
public interface NodeDirectory extends AutoCloseable {
    /**
     * Takes a node id no live node holds, for {@code ttl}: {@code wanted} if it is free, or any free one in
     * 0..1023 when {@code wanted} is null. Fails with {@link IllegalStateException} when none is free.
     */
    int claim(Integer wanted, String owner, Duration ttl, Instant now);

    /**
     * Renews {@code owner}'s claim on {@code self.nodeId()} and publishes the node's address and load, both valid for
     * {@code ttl}; false, changing nothing, when another owner holds the id now. A null {@code self.url()} (a node
     * still starting) renews the claim without listing the node in {@link #live}.
     */
    boolean heartbeat(NodeInfo self, String owner, Duration ttl, Instant now);

    /** The nodes whose heartbeat has not run out, least loaded first. */
    List<NodeInfo> live(Instant now);

    /** Gives the id back and leaves the directory (a graceful stop), if {@code owner} still holds it. */
    void release(int nodeId, String owner);

    @Override
    default void close() {
    }
}
