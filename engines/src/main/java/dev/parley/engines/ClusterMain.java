package dev.parley.engines;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * {@code ./parley cluster --nodes N --backend postgres|kafka}: starts the engines of a cluster backend and N
 * nodes that use them, all on free 127.0.0.1 ports, with every file under {@code PARLEY_CLUSTER_DIR}
 * (default {@code data/cluster}; the engines' and nodes' folders there are emptied first: each run starts from
 * empty engines).
 *
 * <p>Standard output carries only each node's {@code Parley listening on URL} line, then
 * {@code Parley cluster ready: N nodes}; everything else goes to standard error (node output prefixed with
 * {@code [node-i] }; engine logs are files under the cluster directory). The settings that point a node at the
 * engines ({@code PARLEY_POSTGRES_URL}, ...) are written to {@code engines.env} in the cluster directory, one
 * {@code NAME=value} a line, for tools run beside the cluster (the history loader, the benchmark's cost figures). SIGTERM or Ctrl-C stops the nodes
 * (SIGTERM, then SIGKILL after 30 s), then the engines, and exits 0 (from the shutdown hook). A node that ends before it listens, or an
 * engine that does not start, stops everything and exits 1.
 *
 * <p>The repository is the working directory (or system property {@code parley.root}); system property
 * {@code parley.cluster.node.command} replaces the node's command with a shell command (for tests).
 */
public final class ClusterMain {
    private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration NODE_STOP_GRACE = Duration.ofSeconds(30);
    private static final String ENGINES_FILE = "engines.env";
    private static final List<String> OWNED = List.of("postgres", "redis", "kafka", "cassandra", ENGINES_FILE);

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    /** Set before this class ends the JVM itself, so that the shutdown hook leaves the exit status alone. */
    private volatile boolean exiting;
    private ClusterEngines engines;
    private ClusterNodes nodes;

    private ClusterMain() {
    }

    public static void main(String[] args) {
        int nodeCount = 3;
        ClusterEngines.Backend backend = ClusterEngines.Backend.POSTGRES;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--nodes" -> nodeCount = Integer.parseInt(value(args, ++i));
                    case "--backend" -> backend = ClusterEngines.Backend.parse(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (nodeCount < 1) {
                throw new IllegalArgumentException("--nodes must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("parley cluster: " + e.getMessage());
            System.err.println("usage: ./parley cluster [--nodes N] [--backend postgres|kafka]");
            System.exit(2);
        }
        ClusterMain cluster = new ClusterMain();
        int status = cluster.run(nodeCount, backend);
        cluster.exiting = true;
        System.exit(status);
    }

    /** Starts everything, then waits for SIGTERM or Ctrl-C, whose shutdown hook stops everything and exits 0. */
    private int run(int nodeCount, ClusterEngines.Backend backend) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::onSignal, "cluster-stop"));
        try {
            Path root = Path.of(System.getProperty("parley.root", System.getProperty("user.dir"))).toAbsolutePath();
            String dirSetting = System.getenv("PARLEY_CLUSTER_DIR");
            Path dir = root.resolve(dirSetting == null || dirSetting.isBlank() ? "data/cluster" : dirSetting).normalize();
            List<String> command = nodeCommand(root);
            clean(dir);
            err.println("[cluster] starting the " + backend.name().toLowerCase() + " engines under " + dir);
            ClusterEngines started = ClusterEngines.start(backend, dir, root, err);
            synchronized (this) {
                engines = started;
            }
            writeEnginesFile(dir.resolve(ENGINES_FILE), started.nodeEnvironment());
            err.println("[cluster] starting " + nodeCount + " nodes (their output: here, prefixed [node-i]; their data: " + dir + "/node-i)");
            ClusterNodes startedNodes = ClusterNodes.start(nodeCount, command, started.nodeEnvironment(), dir, out, err);
            synchronized (this) {
                nodes = startedNodes;
            }
            awaitStarted(startedNodes.started());
            synchronized (out) {
                out.println("Parley cluster ready: " + nodeCount + " nodes");
                out.flush();
            }
            Thread.currentThread().join();   // until a signal: the shutdown hook takes over
            return 0;
        } catch (Exception e) {
            err.println("parley cluster: " + message(e));
            stopAll();
            return 1;
        }
    }

    /**
     * SIGTERM, Ctrl-C or SIGHUP: stops the nodes, then the engines, and ends the JVM with status 0. (A signal
     * during start-up finds some engines not yet handed over; the {@link Reaper} ends those.)
     */
    private void onSignal() {
        if (exiting) {
            return;
        }
        err.println("[cluster] stopping");
        stopAll();
        err.flush();
        Runtime.getRuntime().halt(0);
    }

    /** Returns once every node listens; throws if one failed or they take too long. */
    private static void awaitStarted(CompletableFuture<Void> started) throws Exception {
        try {
            started.get(NODE_START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the nodes did not all listen within " + NODE_START_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Nodes first, then engines. */
    private synchronized void stopAll() {
        if (nodes != null) {
            nodes.stop(NODE_STOP_GRACE);
            nodes = null;
        }
        if (engines != null) {
            engines.close();
            engines = null;
            err.println("[cluster] stopped");
        }
    }

    private static List<String> nodeCommand(Path root) {
        String stub = System.getProperty("parley.cluster.node.command");
        if (stub != null && !stub.isBlank()) {
            return List.of("sh", "-c", stub);
        }
        Path jar = root.resolve("server/target/parley-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with 'mvn -pl server -am package -DskipTests'");
        }
        List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED"));
        String opts = System.getenv("PARLEY_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            command.addAll(List.of(opts.strip().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /** {@code $JAVA_HOME/bin/java}, else the java running this. */
    static String java() {
        String home = System.getenv("JAVA_HOME");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "java"))) {
            return Path.of(home, "bin", "java").toString();
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void writeEnginesFile(Path file, java.util.Map<String, String> env) throws IOException {
        StringBuilder text = new StringBuilder();
        env.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text);
    }

    /** Empties the folders this command owns in the cluster directory (and only those). */
    private static void clean(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (OWNED.contains(name) || name.matches("node-\\d+")) {
                    PostgresEngine.deleteTree(child);
                }
            }
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
