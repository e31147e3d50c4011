package dev.parley.server.support;

import dev.parley.core.event.EventRelay;
import dev.parley.server.Node;
import dev.parley.server.config.NodeConfig;
import dev.parley.server.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real node in the test JVM on 127.0.0.1 and a free port, on its own data directory, started before
 * the test class and stopped after it. Declare it {@code @RegisterExtension static final}.
 * Defaults suit tests (cheap bcrypt, generous login and sign-up limits per address); {@link #with} overrides any setting.
 */
public final class TestNode implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> settings = new HashMap<>(Map.of(
            "http.host", "127.0.0.1",
            "http.port", "0",
            "bcrypt.cost", "4",
            "sqlite.synchronous", "NORMAL",
            "rate.limit.login.address.burst", "100000",
            "rate.limit.login.address.per.second", "1000",
            "rate.limit.register.address.burst", "100000",
            "rate.limit.register.address.per.second", "1000"));
    private Path dataDir;
    private Node node;
    private UnaryOperator<EventRelay> relayWrapper = UnaryOperator.identity();

    public TestNode with(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** Wraps the node's relay, to inject faults. */
    public TestNode withRelay(UnaryOperator<EventRelay> wrapper) {
        relayWrapper = wrapper;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("parley-test-");
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        deleteRecursively(dataDir);
    }

    public void start() {
        settings.put("data.dir", dataDir.toString());
        node = Node.start(NodeConfig.from(Settings.load(Map.of(), settings)), relayWrapper);
        settings.put("http.port", Integer.toString(node.port()));
    }

    public void stop() {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    /** Stops and starts the node on the same data directory and the same port. */
    public void restart() {
        stop();
        start();
    }

    public Node node() {
        return node;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + node.port();
    }

    public Api api() {
        return new Api(baseUrl());
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
