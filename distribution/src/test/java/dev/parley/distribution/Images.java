package dev.parley.distribution;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The images the container tests use, made here without a registry. Declare it {@code @RegisterExtension static final};
 * the test class is skipped where podman is missing.
 * <ul>
 * <li>{@link #base()}: what a public JRE image is to the Containerfile (Debian bookworm made by debootstrap, plus a
 * Java runtime jlinked from the JDK running the tests, where eclipse-temurin images keep theirs). Slow to make (about
 * 80 s), so it stays in podman's store between runs under a tag naming the Java version, and is made only when
 * missing.</li>
 * <li>{@link #parley()}: the Containerfile built from the distribution just packaged, on that base, once per test run
 * and removed after it.</li>
 * <li>{@link #systemd()}: the base with systemd as its init, standing in for a host in the systemd unit's test; kept
 * like the base.</li>
 * <li>{@link #engine}: stand-ins for the public PostgreSQL, Redis and HAProxy images the cluster compose file names,
 * made from Debian's packages on the base (src/test/resources/engines/NAME); kept like the base, under a tag that
 * changes with their files.</li>
 * </ul>
 */
final class Images implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(Images.class);
    private static final String SUFFIX = "bookworm-java-" + Runtime.version().feature() + "." + Runtime.version().interim()
            + "." + Runtime.version().update();
    private static final String BASE = "localhost/parley-test-base:" + SUFFIX;
    private static final String SYSTEMD = "localhost/parley-test-systemd:" + SUFFIX;
    /** Modules of a JRE as eclipse-temurin ships it, less the desktop and tool-only ones. */
    private static final String JRE_MODULES = "java.se,jdk.unsupported,jdk.management,jdk.jfr,jdk.zipfs,jdk.net";

    private ExtensionContext.Store runStore;

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeTrue(Podman.available(), "needs root and podman, runc and debootstrap (.ci/prepare installs them)");
        runStore = context.getRoot().getStore(NS);
    }

    /** The base image's name, made first if missing. */
    String base() {
        return runStore.getOrComputeIfAbsent("base", k -> ensureBase(), String.class);
    }

    String systemd() {
        return runStore.getOrComputeIfAbsent("systemd", k -> ensureSystemd(base()), String.class);
    }

    /** The stand-in for an engine's public image (postgres, redis, haproxy), made first if missing. */
    String engine(String name) {
        return runStore.getOrComputeIfAbsent("engine-" + name, k -> ensureEngine(name, base()), String.class);
    }

    /** The image of this build's distribution. */
    String parley() {
        return runStore.getOrComputeIfAbsent("parley", k -> ParleyImage.build(base()), ParleyImage.class).name();
    }

    /** The image built from the Containerfile; removed once every test class of the run has finished with it. */
    record ParleyImage(String name) implements AutoCloseable {
        static ParleyImage build(String base) {
            String name = "localhost/" + Podman.uniqueName("parley-test") + ":" + Dist.version();
            long t0 = System.nanoTime();
            Podman.run(Duration.ofMinutes(5), "build", "--format", "docker", "--network", "host",
                    "--build-arg", "BASE=" + base, "--tag", name, Dist.imageContext().toString()).ok();
            System.out.printf("built %s in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
            return new ParleyImage(name);
        }

        @Override
        public void close() {
            Podman.run(Podman.QUICK, "rmi", "--force", name);
        }
    }

    private static String ensureBase() {
        if (Podman.imageExists(BASE)) {
            return BASE;
        }
        long t0 = System.nanoTime();
        Path work = Dist.target().resolve("podman").resolve(Podman.uniqueName("base"));
        Path rootfs = work.resolve("rootfs");
        try {
            Files.createDirectories(work);
            Command.run(Duration.ofMinutes(10), Map.of(), work, "debootstrap", "--variant=minbase", "bookworm",
                    rootfs.toString(), "http://deb.debian.org/debian").ok();
            Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
            Command.run(Duration.ofMinutes(5), Map.of(), work, jlink.toString(), "--add-modules", JRE_MODULES,
                    "--strip-debug", "--no-man-pages", "--no-header-files", "--output",
                    rootfs.resolve("opt/java/openjdk").toString()).ok();
            Command.run(Duration.ofMinutes(5), Podman.env(), work, "bash", "-c",
                    "set -o pipefail; tar -C rootfs -c . | podman import"
                            + " --change 'ENV=JAVA_HOME=/opt/java/openjdk'"
                            + " --change 'ENV=PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'"
                            + " --change 'ENV=LANG=C.UTF-8'"
                            + " - " + BASE).ok();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Command.run(Duration.ofMinutes(2), Map.of(), null, "rm", "-rf", work.toString());
        }
        removeOtherTags("localhost/parley-test-base", BASE);
        System.out.printf("made %s in %.1f s%n", BASE, (System.nanoTime() - t0) / 1e9);
        return BASE;
    }

    private static String ensureSystemd(String base) {
        if (Podman.imageExists(SYSTEMD)) {
            return SYSTEMD;
        }
        long t0 = System.nanoTime();
        Path dir = Dist.target().resolve("podman").resolve("systemd-image");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("Containerfile"), """
                    FROM %s
                    RUN apt-get update -qq \\
                     && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd systemd-sysv >/dev/null \\
                     && apt-get clean && rm -rf /var/lib/apt/lists/*
                    CMD ["/sbin/init"]
                    """.formatted(base));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Podman.run(Duration.ofMinutes(10), "build", "--network", "host", "--tag", SYSTEMD, dir.toString()).ok();
        removeOtherTags("localhost/parley-test-systemd", SYSTEMD);
        System.out.printf("made %s in %.1f s%n", SYSTEMD, (System.nanoTime() - t0) / 1e9);
        return SYSTEMD;
    }

    private static String ensureEngine(String name, String base) {
        Path dir;
        String digest;
        try {
            dir = Path.of(Images.class.getResource("/engines/" + name).toURI());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(f));
                }
            }
            digest = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String repository = "localhost/parley-test-" + name;
        String image = repository + ":" + SUFFIX + "-" + digest;
        if (!Podman.imageExists(image)) {
            long t0 = System.nanoTime();
            Podman.run(Duration.ofMinutes(10), "build", "--network", "host", "--build-arg", "BASE=" + base, "--tag", image,
                    dir.toString()).ok();
            removeOtherTags(repository, image);
            System.out.printf("made %s in %.1f s%n", image, (System.nanoTime() - t0) / 1e9);
        }
        return image;
    }

    /** Images left by runs on another Java version (or, for the engines, other files). */
    private static void removeOtherTags(String repository, String keep) {
        for (String line : Podman.ok("images", "--format", "{{.Repository}}:{{.Tag}}", repository).out().split("\n")) {
            String image = line.strip();
            if (!image.isEmpty() && !image.equals(keep) && image.startsWith(repository + ":")) {
                Podman.run(Podman.QUICK, "rmi", image);
            }
        }
    }
}
