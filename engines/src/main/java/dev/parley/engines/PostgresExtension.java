package dev.parley.engines;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * PostgreSQL for tests: one {@link PostgresEngine} per test JVM, shared by every test class.
 * <pre>
 * &#64;RegisterExtension static final PostgresExtension PG = PostgresExtension.shared();
 * String url = PG.newDatabase();   // an empty database of its own, as a JDBC URL with user and password
 * </pre>
 * Test classes run one after another in a JVM: one that stops the engine (outage tests) must start it again.
 */
public final class PostgresExtension implements BeforeAllCallback {
    private static final PostgresExtension SHARED = new PostgresExtension();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final SharedEngine<PostgresEngine> engine = new SharedEngine<>("postgres", PostgresEngine::start, PostgresEngine::close);

    private PostgresExtension() {
    }

    public static PostgresExtension shared() {
        return SHARED;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        engine.startFor(context);
    }

    /** The engine (started if it is not yet), for {@code stop()}/{@code start()} in outage tests. */
    public PostgresEngine engine() {
        return engine.get();
    }

    /** A new, empty database, as {@code jdbc:postgresql://127.0.0.1:PORT/test_N?user=parley&password=parley}. */
    public String newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        engine().createDatabase(name);
        return engine().jdbcUrl(name);
    }

    /** The URL of database {@value PostgresEngine#DATABASE}, shared by every test class of the JVM. */
    public String jdbcUrl() {
        return engine().jdbcUrl();
    }

    public String user() {
        return PostgresEngine.USER;
    }

    public String password() {
        return PostgresEngine.PASSWORD;
    }
}
