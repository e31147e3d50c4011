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
        node = Node.start(NodeConfig.from(Settings.load(Map.of(), Map.of(
                "http.host", "127.0.0.1",
                "http.port", "0",
                "data.dir", dataDir.toString(),
                "bcrypt.cost", "4",
                "sqlite.synchronous", "NORMAL",
                "rate.limit.send.burst", "1000000",
                "rate.limit.send.per.second", "1000000",
                "gateway.frames.burst", "1000000",
                "gateway.frames.per.second", "1000000",
                "rate.limit.login.address.burst", "1000000"))));
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
