package dev.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.cluster.LocalNodeDirectory;
import dev.parley.core.cluster.NodeInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The node lease on a directory of this process, with a real clock and short leases. */
class NodeLeaseTest {
    private static final Duration TTL = Duration.ofMillis(300);

    /**
     * Regression: the heartbeat began only once the node listened, so a node that took longer than its lease to
     * start (engines to reach, migrations) lost its id to a node starting beside it, then stopped itself.
     */
    @Test
    void aNodeStillStartingKeepsItsIdPastItsLeaseWithoutBeingListed() {
        LocalNodeDirectory directory = new LocalNodeDirectory();
        try (NodeLease starting = NodeLease.claim(directory, null, TTL, Clock.systemUTC())) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5 * TTL.toMillis());
            while (System.nanoTime() < until) {
                assertThatThrownBy(() -> directory.claim(starting.nodeId(), "another node", TTL, Clock.systemUTC().instant()))
                        .as("the id stays held while the node starts").isInstanceOf(IllegalStateException.class);
                assertThat(directory.live(Clock.systemUTC().instant())).as("not serving yet").isEmpty();
            }
        }
    }

    @Test
    void aNodeWhoseIdWasTakenWhileItStartedIsToldWhenItStartsServing() throws Exception {
        LocalNodeDirectory directory = new LocalNodeDirectory();
        try (NodeLease lease = NodeLease.claim(directory, null, TTL, Clock.systemUTC())) {
            Instant later = Clock.systemUTC().instant().plus(Duration.ofHours(1));
            assertThat(directory.heartbeat(new NodeInfo(lease.nodeId(), "http://other", 0, later), "other node", TTL, later))
                    .as("as of an hour later the lease has run out, and another node takes the id").isTrue();
            CompletableFuture<Void> lost = new CompletableFuture<>();

            lease.start(() -> "http://me", () -> 0, () -> lost.complete(null));

            lost.get(5, TimeUnit.SECONDS);
            assertThat(directory.live(later)).extracting(NodeInfo::url).containsExactly("http://other");
        }
    }
}
