package dev.parley.server.cluster;

import dev.parley.server.support.Cluster;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClusterBasics} on the first tier (PostgreSQL + Redis). */
class ClusterBasicsTest extends ClusterBasics {
    @RegisterExtension
    static final Cluster CLUSTER = new Cluster(3).with("PARLEY_ADMIN_USERNAMES", ADMIN);

    @Override
    protected Cluster cluster() {
        return CLUSTER;
    }
}
