package dev.parley.engines;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Redis for tests: one {@link RedisEngine} per test JVM, shared by every test class.
 * <pre>
 * &#64;RegisterExtension static final RedisExtension REDIS = RedisExtension.shared();
 * &#64;BeforeEach void empty() { REDIS.flushAll(); }   // REDIS.url() is redis://127.0.0.1:PORT
 * </pre>
 * Test classes run one after another in a JVM: one that stops the engine (outage tests) must start it again.
 */
public final class RedisExtension implements BeforeAllCallback {
    private static final RedisExtension SHARED = new RedisExtension();

    private final SharedEngine<RedisEngine> engine = new SharedEngine<>("redis", RedisEngine::start, RedisEngine::close);

    private RedisExtension() {
    }

    public static RedisExtension shared() {
        return SHARED;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        engine.startFor(context);
    }

    /** The engine (started if it is not yet), for {@code stop()}/{@code start()} in outage tests. */
    public RedisEngine engine() {
        return engine.get();
    }

    /** {@code redis://127.0.0.1:PORT} */
    public String url() {
        return engine().url();
    }

    /** Empties Redis, for a test that must not see what an earlier one left. */
    public void flushAll() {
        engine().flushAll();
    }
}
