package dev.parley.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Where the build put the distribution (the tests run after package), and small helpers the tests share. */
final class Dist {
    private Dist() {
    }

    static String version() {
        return property("parley.version");
    }

    /** distribution/target */
    static Path target() {
        return Path.of(property("parley.dist"));
    }

    /** The source tree's root: the tests read its tracked files (deploy/, Containerfile), never write them. */
    static Path root() {
        return Path.of(property("parley.root")).toAbsolutePath().normalize();
    }

    static Path tarball() {
        return existing(target().resolve("parley-" + version() + ".tar.gz"));
    }

    static Path tarballWithRuntime() {
        return existing(target().resolve("parley-" + version() + "-linux-x64.tar.gz"));
    }

    /** The unpacked distribution the image is built from. */
    static Path imageContext() {
        return existing(target().resolve("parley"));
    }

    /** Unpacks a tarball into {@code dir} with tar, as an operator would; returns the folder it made. */
    static Path unpack(Path tarball, Path dir) {
        Command.run(Duration.ofMinutes(2), Map.of(), dir, "tar", "-xzf", tarball.toString()).ok();
        return existing(dir.resolve("parley-" + version()));
    }

    /** A port free on 127.0.0.1 just now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code done} every 100 ms until it holds, failing after {@code limit}. */
    static void await(Duration limit, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + limit);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: these tests run after the package phase"
                    + " (mvn -pl distribution -am verify)");
        }
        return p;
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("system property " + name + " is not set (surefire sets it from the pom)");
        }
        return v;
    }
}
