package dev.parley.server.cluster;

import dev.parley.server.support.Cluster;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClusterBasics} on the second tier (Kafka + Cassandra + PostgreSQL + Redis). */
class ClusterBasicsKafkaTest extends ClusterBasics {
    @RegisterExtension
    static final Cluster CLUSTER = Cluster.kafka(3).with("PARLEY_ADMIN_USERNAMES", ADMIN);

    @Override
    protected Cluster cluster() {
        return CLUSTER;
    }
}
