package dev.parley.server.cluster;

import dev.parley.server.support.Cluster;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClusterRateLimit} on the first tier (PostgreSQL + Redis). */
class ClusterRateLimitTest extends ClusterRateLimit {
    @RegisterExtension
    static final Cluster CLUSTER = new Cluster(3)
            .with("PARLEY_RATE_LIMIT_SEND_BURST", "10").with("PARLEY_RATE_LIMIT_SEND_PER_SECOND", "0.01");

    @Override
    protected Cluster cluster() {
        return CLUSTER;
    }
}
