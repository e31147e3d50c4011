package dev.parley.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's PostgreSQL (the newest {@code /usr/lib/postgresql/N/bin}) on a free 127.0.0.1 port, as a child
 * process with its cluster in {@code DIR/pgdata} and its log in {@code DIR/postgres.log}. One role,
 * {@value #USER} (superuser, password {@value #PASSWORD}, scram-sha-256 over TCP), owns a database
 * {@value #DATABASE}; no Unix socket.
 *
 * <p>As root, initdb and postgres run as the {@code postgres} user ({@code setpriv}), so every folder above
 * DIR must be traversable by it; when it is not (DIR under /root, say), the cluster goes to a fresh
 * {@code /tmp/parley-postgres-*} instead, deleted on {@link #close()}.
 *
 * <p>{@link #stop()} (fast shutdown) then {@link #start()} brings it back on the same port and data.
 * Thread-safe; {@link #close()} (also run by a shutdown hook) stops it.
 */
public final class PostgresEngine implements AutoCloseable {
    public static final String USER = "parley";
    public static final String PASSWORD = "parley";
    public static final String DATABASE = "parley";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final boolean ownsDirectory;
    private final int port;
    private final Thread shutdownHook;
    private EngineProcess process;

    private PostgresEngine(Path bin, Path directory, boolean ownsDirectory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.data = directory.resolve("pgdata");
        this.ownsDirectory = ownsDirectory;
        this.port = port;
        this.shutdownHook = new Thread(this::stop, "postgres-engine-stop");
    }

    /** Starts PostgreSQL with its files in {@code directory} (created if missing; an existing cluster there is reused). */
    public static PostgresEngine start(Path directory) throws IOException {
        Path bin = binaries();
        Path dir = directory.toAbsolutePath();
        Files.createDirectories(dir);
        boolean ownsDirectory = false;
        if (isRoot() && !traversableByOthers(dir)) {
            dir = Files.createTempDirectory(Path.of("/tmp"), "parley-postgres-");
            ownsDirectory = true;
        }
        if (isRoot()) {
            giveToPostgres(dir);
        }
        PostgresEngine pg = new PostgresEngine(bin, dir, ownsDirectory, Ports.free());
        Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
        boolean fresh = !Files.exists(pg.data.resolve("PG_VERSION"));
        if (fresh) {
            pg.initdb();
        }
        pg.start();
        if (fresh) {
            pg.createDatabase(DATABASE);
        }
        return pg;
    }

    /** Starts it again after {@link #stop()}, on the same port and data; does nothing if it runs. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = asPostgres(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-c", "port=" + port, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "max_connections=200", "-c", "shared_buffers=64MB", "-c", "logging_collector=off");
        try {
            process = EngineProcess.start("postgres", command, Map.of(), directory.resolve("postgres.log"), "INT");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start postgres", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready()) {
            process.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("postgres was not ready within " + START_TIMEOUT.toSeconds() + " s:\n" + process.logTail());
            }
            Ports.sleep(50);
        }
    }

    /** Fast shutdown (SIGINT: clients are disconnected, nothing committed is lost). */
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/parley?user=parley&password=parley} */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The JDBC URL, with user and password, of another database of this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER + "&password=" + PASSWORD;
    }

    /** Creates an empty database (owned by {@value #USER}); {@code name} is a lower-case SQL identifier. */
    public void createDatabase(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        psql("CREATE DATABASE " + name);
    }

    /** Runs one SQL statement through {@code psql} as {@value #USER}, in database {@code postgres}; returns its output. */
    public String psql(String sql) {
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("psql").toString(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-d", "postgres", "-c", sql)
                .redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PASSWORD);
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("psql failed on '" + sql + "': " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        if (ownsDirectory) {
            deleteTree(directory);
        }
    }

    private void initdb() throws IOException {
        Path pwfile = directory.resolve("initdb-password");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (isRoot()) {
            giveToPostgres(pwfile);
        }
        Path log = directory.resolve("initdb.log");
        List<String> command = asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("initdb failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /** postmaster.pid's eighth line says {@code ready} once the server accepts connections. */
    private boolean ready() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
            return lines.size() >= 8 && lines.get(7).strip().equals("ready") && Ports.isOpen(port);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} ({@code PARLEY_POSTGRES_BIN} overrides). */
    static Path binaries() {
        String override = System.getenv("PARLEY_POSTGRES_BIN");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path bin = versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .filter(v -> Files.isExecutable(v.resolve("bin/postgres")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                        .map(v -> v.resolve("bin")).orElse(null);
                if (bin != null) {
                    return bin;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("PostgreSQL not found under /usr/lib/postgresql: install Debian's postgresql (apt-get install postgresql)");
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean traversableByOthers(Path dir) {
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static void giveToPostgres(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, users.lookupPrincipalByName("postgres"));
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(users.lookupPrincipalByGroupName("postgres"));
        if (Files.isDirectory(path)) {
            Files.setPosixFilePermissions(path, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("parley engines: could not delete " + root + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on 127.0.0.1:" + port + " (" + data + ")";
    }
}
