package dev.parley.engines;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Cassandra for tests: one {@link CassandraEngine} per test JVM (≈ 8 s to start, ≈ 600 MB), shared by every
 * test class; killed at the end (its data is thrown away). {@link #newKeyspace()} needs
 * {@code org.apache.cassandra:java-driver-core} on the test class path.
 * <pre>
 * &#64;RegisterExtension static final CassandraExtension CASSANDRA = CassandraExtension.shared();
 * String keyspace = CASSANDRA.newKeyspace();   // contact point CASSANDRA.contactPoint(), datacenter1
 * </pre>
 */
public final class CassandraExtension implements BeforeAllCallback {
    private static final CassandraExtension SHARED = new CassandraExtension();
    private static final AtomicInteger KEYSPACES = new AtomicInteger();

    private final SharedEngine<CassandraEngine> engine = new SharedEngine<>("cassandra", CassandraEngine::start, CassandraExtension::stop);
    private static CqlSession admin;

    private CassandraExtension() {
    }

    public static CassandraExtension shared() {
        return SHARED;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        engine.startFor(context);
    }

    public CassandraEngine engine() {
        return engine.get();
    }

    /** {@code 127.0.0.1:PORT} */
    public String contactPoint() {
        return engine().contactPoint();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(engine().host(), engine().port());
    }

    /** {@value CassandraEngine#DATACENTER} */
    public String datacenter() {
        return CassandraEngine.DATACENTER;
    }

    /** Creates an empty keyspace (SimpleStrategy, one replica) and returns its name. */
    public String newKeyspace() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + KEYSPACES.incrementAndGet();
        admin().execute("CREATE KEYSPACE " + name + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        return name;
    }

    private synchronized CqlSession admin() {
        if (admin == null || admin.isClosed()) {
            admin = CqlSession.builder().addContactPoint(address()).withLocalDatacenter(datacenter()).build();
        }
        return admin;
    }

    private static void stop(CassandraEngine cassandra) {
        synchronized (SHARED) {
            if (admin != null) {
                admin.close();
                admin = null;
            }
        }
        cassandra.kill();
        cassandra.close();
    }
}
