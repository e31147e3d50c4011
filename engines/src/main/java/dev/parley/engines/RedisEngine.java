package dev.parley.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code redis-server} (7.x) on a free 127.0.0.1 port, nothing saved to disk ({@code --save ""
 * --appendonly no}), log in {@code DIR/redis.log}. {@link #stop()} then {@link #start()} brings it back
 * on the same port, empty, as a restarted Redis would be.
 *
 * <p>Thread-safe; {@link #close()} (also run by a shutdown hook) stops it.
 */
public final class RedisEngine implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path directory;
    private final int port;
    private final Thread shutdownHook;
    private EngineProcess process;

    private RedisEngine(Path directory, int port) {
        this.directory = directory;
        this.port = port;
        this.shutdownHook = new Thread(this::stop, "redis-engine-stop");
    }

    /** Starts a Redis with its files in {@code directory} (created if missing). */
    public static RedisEngine start(Path directory) throws IOException {
        Files.createDirectories(directory);
        RedisEngine redis = new RedisEngine(directory.toAbsolutePath(), Ports.free());
        Runtime.getRuntime().addShutdownHook(redis.shutdownHook);
        redis.start();
        return redis;
    }

    /** Starts it again after {@link #stop()}, on the same port; does nothing if it runs. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = EngineProcess.start("redis-server", List.of(executable(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", directory.toString(),
                    "--protected-mode", "no"), Map.of(), directory.resolve("redis.log"), "TERM");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            process.checkAlive();
            if (Ports.isOpen(port) && "+PONG".equals(command("PING"))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not answer within " + START_TIMEOUT.toSeconds() + " s:\n" + process.logTail());
            }
            Ports.sleep(50);
        }
    }

    /** Stops it (SIGTERM); everything it held is gone. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(10));
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT} */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Empties every database. */
    public void flushAll() {
        String reply = command("FLUSHALL");
        if (!"+OK".equals(reply)) {
            throw new IllegalStateException("FLUSHALL answered " + reply);
        }
    }

    /**
     * Sends one command and returns the first line of the reply ({@code +PONG}, {@code +OK}, {@code :1},
     * {@code -ERR ...}, {@code $5} for a bulk string...), or {@code null} if Redis cannot be reached.
     */
    public String command(String... args) {
        StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            return null;
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
    }

    private static String executable() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server not found: install Debian's redis-server (apt-get install redis-server)");
    }

    @Override
    public String toString() {
        return "Redis on " + url();
    }
}
