package dev.parley.engines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Apache Cassandra 5.0 as a separate JVM on a Java 17 runtime, from the jars that module
 * {@code engines-cassandra-dist} copies to its {@code target/cassandra-lib} (never on our class path: its
 * Netty 4.1 would clash with Vert.x's 4.2). One node, SimpleSnitch (datacenter {@value #DATACENTER}), free
 * 127.0.0.1 ports, data and {@code cassandra.log} under DIR, 256 MB of heap. Ready when the native
 * (CQL) port accepts connections: 7–9 s here.
 *
 * <p>Where things are found: the jars from {@code PARLEY_CASSANDRA_LIB} (or system property
 * {@code parley.cassandra.lib}), else {@code engines-cassandra-dist/target/cassandra-lib} in a folder above the
 * working directory or above this class's jar; the runtime from {@code PARLEY_CASSANDRA_JAVA_HOME} (or
 * {@code parley.cassandra.java.home}), else the first Java 17 under {@code /usr/lib/jvm}.
 *
 * <p>Thread-safe; {@link #close()} (also run by a shutdown hook) stops it.
 */
public final class CassandraEngine implements AutoCloseable {
    public static final String DATACENTER = "datacenter1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String DIST = "engines-cassandra-dist/target/cassandra-lib";

    private final int nativePort;
    private final Thread shutdownHook;
    private final EngineProcess process;

    private CassandraEngine(int nativePort, EngineProcess process) {
        this.nativePort = nativePort;
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "cassandra-engine-stop");
    }

    /** Starts Cassandra with its files in {@code directory} (created if missing) and waits for its CQL port. */
    public static CassandraEngine start(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath();
        Files.createDirectories(dir);
        Path java = javaHome().resolve("bin/java");
        Path lib = lib();
        int storagePort = Ports.free();
        int nativePort = Ports.free();
        Map<String, String> values = Map.of("DIR", dir.toString(),
                "STORAGE_PORT", Integer.toString(storagePort), "NATIVE_PORT", Integer.toString(nativePort));
        Path yaml = dir.resolve("cassandra.yaml");
        Path logback = dir.resolve("logback.xml");
        Files.writeString(yaml, fill(resource("cassandra.yaml"), values));
        Files.writeString(logback, fill(resource("cassandra-logback.xml"), values));

        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxDirectMemorySize=128m", "-Xss512k",
                "-XX:+ExitOnOutOfMemoryError", "-Djdk.attach.allowAttachSelf=true", "-Dio.netty.tryReflectionSetAccessible=true"));
        command.addAll(jpmsOptions());
        command.addAll(List.of("-Dcassandra.config=" + yaml.toUri(), "-Dcassandra.storagedir=" + dir,
                "-Dlogback.configurationFile=" + logback, "-Dcassandra-foreground=yes",
                "-Dcassandra.skip_wait_for_gossip_to_settle=0", "-Dcassandra.ring_delay_ms=100",
                "-cp", lib + "/*", "org.apache.cassandra.service.CassandraDaemon"));
        EngineProcess process = EngineProcess.start("cassandra", command, Map.of(), dir.resolve("cassandra.out"), "TERM");
        CassandraEngine cassandra = new CassandraEngine(nativePort, process);
        Runtime.getRuntime().addShutdownHook(cassandra.shutdownHook);
        try {
            Ports.awaitOpen(nativePort, process, START_TIMEOUT);
        } catch (RuntimeException e) {
            cassandra.close();
            throw e;
        }
        return cassandra;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The native (CQL) port. */
    public int port() {
        return nativePort;
    }

    /** {@code 127.0.0.1:PORT} */
    public String contactPoint() {
        return host() + ":" + nativePort;
    }

    public String datacenter() {
        return DATACENTER;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Graceful stop (SIGTERM; Cassandra drains, ≈ 6 s here), killed after 30 s. */
    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** SIGKILL: for data nobody keeps (tests). */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    /** The Java 17 runtime Cassandra 5.0 runs on. */
    static Path javaHome() {
        Optional<String> override = setting("parley.cassandra.java.home", "PARLEY_CASSANDRA_JAVA_HOME");
        if (override.isPresent()) {
            return Path.of(override.get());
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                Optional<Path> found = homes.filter(h -> !Files.isSymbolicLink(h)).sorted()
                        .filter(h -> Files.isExecutable(h.resolve("bin/java")) && javaVersion(h).startsWith("17"))
                        .findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("Cassandra 5.0 needs a Java 17 runtime and none was found under /usr/lib/jvm: "
                + "install Debian's openjdk-17-jre-headless, or set PARLEY_CASSANDRA_JAVA_HOME");
    }

    /** The folder of Cassandra's runtime jars. */
    static Path lib() {
        Optional<String> override = setting("parley.cassandra.lib", "PARLEY_CASSANDRA_LIB");
        if (override.isPresent()) {
            return Path.of(override.get()).toAbsolutePath();
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of(System.getProperty("user.dir")).toAbsolutePath());
        try {
            starts.add(Path.of(CassandraEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // only the working directory then
        }
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                Path lib = p.resolve(DIST);
                if (holdsCassandra(lib)) {
                    return lib;
                }
            }
        }
        throw new IllegalStateException("Cassandra's jars were not found in " + DIST + " above " + starts
                + ": build them with 'mvn -pl engines-cassandra-dist package' (or set PARLEY_CASSANDRA_LIB)");
    }

    private static boolean holdsCassandra(Path lib) {
        if (!Files.isDirectory(lib)) {
            return false;
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.anyMatch(j -> j.getFileName().toString().startsWith("cassandra-all-"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static String javaVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // not a JDK laid out as usual
        }
        return "";
    }

    private static List<String> jpmsOptions() {
        List<String> options = new ArrayList<>();
        for (String line : resource("cassandra-jvm17.options").split("\n")) {
            String option = line.strip();
            if (!option.isEmpty() && !option.startsWith("#")) {
                options.addAll(List.of(option.split("\\s+")));
            }
        }
        return options;
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = CassandraEngine.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return String.join("\n", r.lines().toList()) + "\n";
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "Cassandra on " + contactPoint() + " (pid " + process.pid() + ")";
    }
}
