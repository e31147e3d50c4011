package dev.parley.server.cluster;

import dev.parley.server.support.Cluster;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClusterPostgresOutage} on the second tier (Kafka + Cassandra + PostgreSQL + Redis). */
class ClusterPostgresOutageKafkaTest extends ClusterPostgresOutage {
    @RegisterExtension
    static final Cluster CLUSTER = Cluster.kafka(2);

    @Override
    protected Cluster cluster() {
        return CLUSTER;
    }
}
