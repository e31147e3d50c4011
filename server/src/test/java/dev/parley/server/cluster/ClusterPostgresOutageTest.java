package dev.parley.server.cluster;

import dev.parley.server.support.Cluster;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClusterPostgresOutage} on the first tier (PostgreSQL + Redis). */
class ClusterPostgresOutageTest extends ClusterPostgresOutage {
    @RegisterExtension
    static final Cluster CLUSTER = new Cluster(2);

    @Override
    protected Cluster cluster() {
        return CLUSTER;
    }
}
