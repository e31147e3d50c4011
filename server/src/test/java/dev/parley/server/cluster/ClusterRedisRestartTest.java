package dev.parley.server.cluster;

import dev.parley.server.support.Cluster;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClusterRedisRestart} on the first tier (PostgreSQL + Redis). */
class ClusterRedisRestartTest extends ClusterRedisRestart {
    @RegisterExtension
    static final Cluster CLUSTER = new Cluster(3);

    @Override
    protected Cluster cluster() {
        return CLUSTER;
    }
}
