package dev.parley.engines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An engine's OS process: started in a session of its own (so a Ctrl-C at the terminal reaches only the
 * launcher, which stops things in order), its output appended to a log file, and watched by the
 * {@link Reaper} so that it does not outlive this JVM.
 */
public final class EngineProcess {
    private final String name;
    private final Process process;
    private final Path log;
    private final String reaperSignal;

    private EngineProcess(String name, Process process, Path log, String reaperSignal) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.reaperSignal = reaperSignal;
    }

    /**
     * Starts {@code command}; {@code reaperSignal} is what the process gets if this JVM dies without
     * stopping it (the signal that makes it stop promptly: {@code INT} for PostgreSQL, {@code TERM} elsewhere).
     */
    public static EngineProcess start(String name, List<String> command, Map<String, String> env, Path log, String reaperSignal)
            throws IOException {
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process process = pb.start();
        Reaper.watch(process, reaperSignal);
        return new EngineProcess(name, process, log, reaperSignal);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Sends {@code signal} ({@code TERM}, {@code INT}, ...), waits up to {@code grace} for the process to end, then kills it. */
    public void stop(String signal, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        signal(process.toHandle(), signal);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process with the signal the reaper would use. */
    public void stop(Duration grace) {
        stop(reaperSignal, grace);
    }

    /** SIGKILL, then waits for the process to end. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails, with the end of the log, when the process has ended. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; the end of " + log + ":\n" + logTail());
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void signal(ProcessHandle handle, String signal) {
        if ("TERM".equals(signal)) {
            handle.destroy();
            return;
        }
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(handle.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            handle.destroy();
        } catch (InterruptedException e) {
            handle.destroy();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
