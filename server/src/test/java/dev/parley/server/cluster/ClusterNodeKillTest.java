package dev.parley.server.cluster;

import dev.parley.server.support.Cluster;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClusterNodeKill} on the first tier (PostgreSQL + Redis). */
class ClusterNodeKillTest extends ClusterNodeKill {
    @RegisterExtension
    static final Cluster CLUSTER = new Cluster(3);

    @Override
    protected Cluster cluster() {
        return CLUSTER;
    }
}
