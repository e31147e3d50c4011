package dev.parley.store.cassandra;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How a node reaches Cassandra: contact points ({@code host[:port]}, comma-separated, port 9042 by default), the
 * keyspace (created at start if missing, with {@code replication}, a CQL replication map), the local datacenter, the
 * consistency level of every read and write, and how long one request may take before it fails.
 */
public record CassandraSettings(String contactPoints, String keyspace, String datacenter, String replication,
                                String consistency, Duration requestTimeout) {
    public static final String DEFAULT_KEYSPACE = "parley";
    public static final String DEFAULT_DATACENTER = "datacenter1";
    public static final String DEFAULT_REPLICATION = "{'class': 'SimpleStrategy', 'replication_factor': 1}";
    public static final String DEFAULT_CONSISTENCY = "LOCAL_QUORUM";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);

    public CassandraSettings {
        if (keyspace == null || !keyspace.matches("[a-zA-Z][a-zA-Z0-9_]{0,47}")) {
            throw new IllegalArgumentException("cassandra.keyspace must be a letter then letters, digits or _, not " + keyspace);
        }
    }

    /** The contact points as addresses. */
    public List<InetSocketAddress> addresses() {
        if (contactPoints == null || contactPoints.isBlank()) {
            throw new IllegalArgumentException("cassandra.contact.points must be set to use Cassandra");
        }
        return Arrays.stream(contactPoints.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(point -> {
            int colon = point.lastIndexOf(':');
            if (colon < 0) {
                return InetSocketAddress.createUnresolved(point, 9042);
            }
            try {
                return new InetSocketAddress(point.substring(0, colon), Integer.parseInt(point.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cassandra.contact.points: bad port in " + point);
            }
        }).toList();
    }
}
