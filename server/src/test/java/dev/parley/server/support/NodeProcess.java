package dev.parley.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node in an OS process of its own ({@code java -cp <this JVM's class path> dev.parley.server.Main}), configured
 * through the environment, so that a test can kill it with SIGKILL.
 */
public final class NodeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Parley listening on (http://\\S+)");

    private final Process process;
    private final String baseUrl;

    private NodeProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    public static NodeProcess start(Path dataDir, Map<String, String> extraEnv) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.parley.server.Main");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PARLEY_"));
        env.put("PARLEY_HTTP_HOST", "127.0.0.1");
        env.put("PARLEY_HTTP_PORT", "0");
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        env.put("PARLEY_BCRYPT_COST", "4");
        env.put("PARLEY_RATE_LIMIT_SEND_BURST", "100000");
        env.put("PARLEY_RATE_LIMIT_SEND_PER_SECOND", "100000");
        env.put("PARLEY_RATE_LIMIT_LOGIN_ADDRESS_BURST", "100000");
        env.put("PARLEY_RATE_LIMIT_REGISTER_ADDRESS_BURST", "100000");
        env.putAll(extraEnv);
        pb.redirectErrorStream(true);
        Process process = pb.start();

        CompletableFuture<String> url = new CompletableFuture<>();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        // Everything the node prints is kept under target/node-logs (named after its data folder), for a failure's story.
        Path logFile = Path.of("target", "node-logs", dataDir.getFileName() + "-" + process.pid() + ".log");
        Files.createDirectories(logFile.getParent());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 var log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.write(line);
                    log.newLine();
                    log.flush();
                    lines.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process went away
            }
            url.completeExceptionally(new IllegalStateException("the node exited before listening:\n" + String.join("\n", lines)));
        }, "node-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String base = url.get(60, TimeUnit.SECONDS);
            return new NodeProcess(process, base);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the node did not start in time:\n" + String.join("\n", lines), e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed beyond what the node already made durable. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the node did not die");
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Sends a signal by name (STOP, CONT, TERM) to the node's process. */
    public void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " failed");
        }
    }

    /** Waits for the process to end by itself (after SIGTERM, say); true if it did in time. */
    public boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
