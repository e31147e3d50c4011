package dev.parley.server.cluster;

import dev.parley.server.support.Cluster;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClusterRateLimit} on the second tier (Kafka + Cassandra + PostgreSQL + Redis). */
class ClusterRateLimitKafkaTest extends ClusterRateLimit {
    @RegisterExtension
    static final Cluster CLUSTER = Cluster.kafka(3)
            .with("PARLEY_RATE_LIMIT_SEND_BURST", "10").with("PARLEY_RATE_LIMIT_SEND_PER_SECOND", "0.01");

    @Override
    protected Cluster cluster() {
        return CLUSTER;
    }
}
