package dev.parley.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClusterMain} in a JVM of its own, with real PostgreSQL and Redis and a shell script standing in for the
 * node (this module is built before the server).
 */
class ClusterMainTest {
    /** Records its environment and pid, prints a line of log and the listening line, then waits. */
    private static final String STUB_NODE = """
            env | grep '^PARLEY_' | sort > "$PARLEY_DATA_DIR/env"; echo $$ > "$PARLEY_DATA_DIR/pid"
            echo "starting"; echo "Parley listening on http://127.0.0.1:1$$"; exec sleep 600""";
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @Test
    void startsTheEnginesAndNodesThenStopsEverythingOnSigterm(@TempDir Path dir) throws Exception {
        Process cluster = cluster(dir, STUB_NODE, Map.of("PARLEY_GREETING", "hello", "PARLEY_NODE_ID", "7"));
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(cluster.getInputStream(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < 3; i++) {
                lines.add(out.readLine());
            }
            assertThat(lines.subList(0, 2)).allMatch(l -> l.matches("Parley listening on http://127\\.0\\.0\\.1:\\d+"));
            assertThat(lines.get(2)).isEqualTo("Parley cluster ready: 2 nodes");

            Path node2 = dir.resolve("cluster/node-2");
            String env = Files.readString(node2.resolve("env"));
            assertThat(env).contains("PARLEY_HTTP_PORT=0\n", "PARLEY_DATA_DIR=" + node2 + "\n",
                    "PARLEY_STORE_TYPE=postgres\n", "PARLEY_LOG_TYPE=postgres\n", "PARLEY_RELAY_TYPE=redis\n",
                    "PARLEY_STATE_TYPE=redis\n", "PARLEY_GREETING=hello\n")
                    .doesNotContain("PARLEY_NODE_ID", "PARLEY_KAFKA", "PARLEY_CASSANDRA");
            int postgres = port(env, "PARLEY_POSTGRES_URL=jdbc:postgresql://(127\\.0\\.0\\.1:\\d+)/parley\\?user=parley&password=parley\n");
            int redis = port(env, "PARLEY_REDIS_URL=redis://(127\\.0\\.0\\.1:\\d+)\n");
            assertThat(Ports.isOpen(postgres)).isTrue();
            assertThat(Ports.isOpen(redis)).isTrue();
            assertThat(Files.readString(dir.resolve("cluster/engines.env"))).contains(
                    "PARLEY_POSTGRES_URL=jdbc:postgresql://127.0.0.1:" + postgres + "/parley?user=parley&password=parley\n",
                    "PARLEY_REDIS_URL=redis://127.0.0.1:" + redis + "\n", "PARLEY_STORE_TYPE=postgres\n");

            cluster.destroy();
            assertThat(cluster.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(cluster.exitValue()).isZero();
            for (String node : List.of("node-1", "node-2")) {
                long pid = Long.parseLong(Files.readString(dir.resolve("cluster").resolve(node).resolve("pid")).strip());
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as(node).isFalse();
            }
            assertThat(Ports.isOpen(postgres)).as("postgres").isFalse();
            assertThat(Ports.isOpen(redis)).as("redis").isFalse();
        } finally {
            cluster.destroyForcibly();
        }
    }

    @Test
    void aNodeThatDiesDuringStartUpStopsEverything(@TempDir Path dir) throws Exception {
        // node-2 fails once node-1 is up far enough to have written its pid, so the test can check it was stopped
        String failingSecond = "[ \"${PARLEY_DATA_DIR##*-}\" = 2 ] && { while [ ! -f \"${PARLEY_DATA_DIR%-2}-1/pid\" ]; do"
                + " sleep 0.05; done; echo boom; exit 3; }\n" + STUB_NODE;
        Process cluster = cluster(dir, failingSecond, Map.of());
        try {
            assertThat(cluster.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(cluster.exitValue()).isEqualTo(1);
            String err = Files.readString(dir.resolve("stderr"));
            assertThat(err).contains("[node-2] boom", "parley cluster: node-2 exited with status 3 before listening");
            for (String line : err.lines().filter(l -> l.startsWith("[cluster] PostgreSQL") || l.startsWith("[cluster] Redis")).toList()) {
                Matcher m = PORT.matcher(line);
                assertThat(m.find()).isTrue();
                assertThat(Ports.isOpen(Integer.parseInt(m.group(1)))).as(line).isFalse();
            }
            long pid = Long.parseLong(Files.readString(dir.resolve("cluster/node-1/pid")).strip());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            cluster.destroyForcibly();
        }
    }

    private static Process cluster(Path dir, String nodeCommand, Map<String, String> env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dparley.root=" + dir, "-Dparley.cluster.node.command=" + nodeCommand,
                ClusterMain.class.getName(), "--nodes", "2", "--backend", "postgres")
                .redirectError(dir.resolve("stderr").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PARLEY_"));
        pb.environment().putAll(env);
        pb.environment().put("PARLEY_CLUSTER_DIR", "cluster");
        return pb.start();
    }

    private static int port(String env, String regex) {
        Matcher m = Pattern.compile(regex).matcher(env);
        assertThat(m.find()).as("%s in\n%s", regex, env).isTrue();
        Matcher port = PORT.matcher(m.group(1));
        assertThat(port.find()).isTrue();
        return Integer.parseInt(port.group(1));
    }
}
