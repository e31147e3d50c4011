package dev.parley.engines;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Ends the engine processes this JVM started when the JVM ends in a way that runs no shutdown hook
 * ({@code kill -9}, a crash): one small {@code sh} per JVM, in a session of its own, holds the write
 * end of a pipe from this JVM as its standard input. Each process this JVM starts is announced on
 * that pipe ({@code add PID SIGNAL}) and withdrawn when it ends ({@code del PID}); when the pipe
 * closes — this JVM is gone, however it went — the script signals what is still announced, waits up
 * to 10 s, then kills what is left.
 *
 * <p>Thread-safe: {@link #watch} may be called from any thread.
 */
final class Reaper {
    private static final String SCRIPT = """
            trap '' INT HUP
            live=""
            while read -r op pid sig; do
              case "$op" in
                add) live="$live $pid:$sig" ;;
                del) rest=""; for e in $live; do [ "${e%%:*}" = "$pid" ] || rest="$rest $e"; done; live=$rest ;;
              esac
            done
            [ -z "$live" ] && exit 0
            for e in $live; do kill -s "${e#*:}" "${e%%:*}" 2>/dev/null; done
            i=0
            while [ $i -lt 20 ]; do
              alive=""; for e in $live; do kill -0 "${e%%:*}" 2>/dev/null && alive="$alive $e"; done
              [ -z "$alive" ] && exit 0
              live=$alive; i=$((i + 1)); sleep 0.5
            done
            for e in $live; do kill -s KILL "${e%%:*}" 2>/dev/null; done
            """;

    private static OutputStream pipe;

    private Reaper() {
    }

    /** Has {@code process} sent {@code signal} (e.g. {@code TERM}, {@code INT}) if this JVM dies while it runs. */
    static void watch(Process process, String signal) {
        long pid = process.pid();
        send("add " + pid + " " + signal);
        process.onExit().thenRun(() -> send("del " + pid));
    }

    private static synchronized void send(String line) {
        try {
            if (pipe == null) {
                Process sh = new ProcessBuilder("setsid", "sh", "-c", SCRIPT)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                pipe = sh.getOutputStream();
            }
            pipe.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
        } catch (IOException e) {
            // no reaper: the shutdown hooks still stop the engines on an ordinary exit
            System.err.println("parley engines: cannot watch child processes: " + e.getMessage());
        }
    }
}
