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
    /** Whether {@link Admin} was used: only then is the driver needed, and its session to close. */
    private static boolean adminUsed;

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
        synchronized (SHARED) {
            adminUsed = true;
            Admin.session(address(), datacenter())
                    .execute("CREATE KEYSPACE " + name + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        }
        return name;
    }

    private static void stop(CassandraEngine cassandra) {
        synchronized (SHARED) {
            if (adminUsed) {
                Admin.close();
            }
        }
        cassandra.kill();
        cassandra.close();
    }

    /** The session for {@link #newKeyspace()}, in a class of its own so that the extension loads without the driver. */
    private static final class Admin {
        private static CqlSession session;

        static CqlSession session(InetSocketAddress address, String datacenter) {
            if (session == null || session.isClosed()) {
                session = CqlSession.builder().addContactPoint(address).withLocalDatacenter(datacenter).build();
            }
            return session;
        }

        static void close() {
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }
}
