package dev.parley.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Free ports on 127.0.0.1, and waiting for an engine to listen on one. */
public final class Ports {
    private Ports() {
    }

    /** A port nobody listens on now (another process may still take it before the engine does: rare on loopback). */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until 127.0.0.1:{@code port} accepts connections; fails early, with its log, if {@code process} ends. */
    static void awaitOpen(int port, EngineProcess process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isOpen(port)) {
            process.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process + " did not listen on port " + port + " within " + timeout.toSeconds()
                        + " s; the end of " + process.log() + ":\n" + process.logTail());
            }
            sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
