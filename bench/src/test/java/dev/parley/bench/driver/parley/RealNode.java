package dev.parley.bench.driver.parley;

import dev.parley.server.Node;
import dev.parley.server.config.NodeConfig;
import dev.parley.server.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Parley node for the tool's tests: in this JVM, on 127.0.0.1 and a free port, on a temporary
 * data directory, with the limits a benchmark lifts (send rate, frames per socket, logins per address).
 */
final class RealNode implements AutoCloseable {
    private final Path dataDir;
    private final Node node;

    RealNode() {
        try {
            dataDir = Files.createTempDirectory("parley-bench-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        node = Node.start(NodeConfig.from(Settings.load(Map.of(), Map.ofEntries(
                Map.entry("http.host", "127.0.0.1"),
                Map.entry("http.port", "0"),
                Map.entry("data.dir", dataDir.toString()),
                Map.entry("bcrypt.cost", "4"),
                Map.entry("sqlite.synchronous", "NORMAL"),
                Map.entry("rate.limit.send.burst", "1000000"),
                Map.entry("rate.limit.send.per.second", "1000000"),
                Map.entry("gateway.frames.burst", "1000000"),
                Map.entry("gateway.frames.per.second", "1000000"),
                Map.entry("rate.limit.login.address.burst", "1000000"),
                Map.entry("rate.limit.register.address.burst", "1000000"),
                Map.entry("password.hash.queue", "1000000")))));
    }

    String url() {
        return "http://127.0.0.1:" + node.port();
    }

    @Override
    public void close() {
        node.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
