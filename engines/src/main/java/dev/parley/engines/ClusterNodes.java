package dev.parley.engines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node processes of a cluster, each in a session of its own (a Ctrl-C reaches only the launcher, which
 * stops the nodes before the engines) and watched by the {@link Reaper}. A node's line
 * {@code Parley listening on URL} is copied as it is to {@code out}; everything else it prints goes to
 * {@code err}, each line prefixed with {@code [node-i] }.
 *
 * <p>{@link #started()} completes once every node has printed its listening line, and fails as soon as one
 * ends before that. Thread-safe.
 */
final class ClusterNodes {
    static final String LISTENING = "Parley listening on ";

    private final List<Process> processes = new ArrayList<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AtomicInteger waiting;
    private final PrintStream out;
    private final PrintStream err;
    private volatile boolean stopping;

    private ClusterNodes(int count, PrintStream out, PrintStream err) {
        this.waiting = new AtomicInteger(count);
        this.out = out;
        this.err = err;
    }

    /** Starts {@code count} nodes running {@code command}, node i with {@code env} plus its own data folder {@code dir/node-i}. */
    static ClusterNodes start(int count, List<String> command, Map<String, String> env, Path dir, PrintStream out, PrintStream err)
            throws IOException {
        ClusterNodes nodes = new ClusterNodes(count, out, err);
        try {
            for (int i = 1; i <= count; i++) {
                nodes.startNode(i, command, env, dir.resolve("node-" + i));
            }
        } catch (IOException | RuntimeException e) {
            nodes.stop(Duration.ofSeconds(5));
            throw e;
        }
        return nodes;
    }

    CompletableFuture<Void> started() {
        return started;
    }

    /** SIGTERM to every node (they drain), then SIGKILL to those still running after {@code grace}. */
    void stop(Duration grace) {
        stopping = true;
        List<Process> all;
        synchronized (processes) {
            all = List.copyOf(processes);
        }
        all.forEach(Process::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Process p : all) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    err.println("[cluster] node (pid " + p.pid() + ") did not stop within " + grace.toSeconds() + " s: killed");
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startNode(int i, List<String> command, Map<String, String> env, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> processEnv = pb.environment();
        processEnv.remove("PARLEY_NODE_ID");   // leased by each node; one value for all would clash
        processEnv.putAll(env);
        processEnv.put("PARLEY_HTTP_PORT", "0");
        processEnv.put("PARLEY_DATA_DIR", dataDir.toString());
        Process process = pb.start();
        Reaper.watch(process, "TERM");
        synchronized (processes) {
            processes.add(process);
        }
        String name = "node-" + i;
        Thread pump = new Thread(() -> pump(name, process), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(String name, Process process) {
        boolean listening = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!listening && line.startsWith(LISTENING)) {
                    listening = true;
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                    if (waiting.decrementAndGet() == 0) {
                        started.complete(null);
                    }
                } else {
                    err.println("[" + name + "] " + line);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        int status = waitFor(process);
        if (!listening) {
            started.completeExceptionally(new IllegalStateException(name + " exited with status " + status + " before listening"));
        } else if (!stopping) {
            err.println("[cluster] " + name + " exited with status " + status);
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
