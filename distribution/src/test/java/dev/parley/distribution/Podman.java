package dev.parley.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * podman as this machine lets it run (shared/design/engines.md, "Containers"): the runc runtime, and default limits no
 * higher than the sandbox allows, through a containers.conf under target/ named by {@code CONTAINERS_CONF}. Images and
 * volumes go to podman's usual store, so that what is slow to make (the base image) is kept between runs.
 */
final class Podman {
    static final Duration QUICK = Duration.ofMinutes(2);
    private static final Path CONF = Dist.target().resolve("podman").resolve("containers.conf");

    private Podman() {
    }

    /**
     * podman, runc and debootstrap are installed (.ci/prepare installs them), and this is root: debootstrap and the
     * systemd test's privileged container need it, and the images are kept in root's store.
     */
    static boolean available() {
        return Command.onPath("podman") && Command.onPath("runc") && Command.onPath("debootstrap")
                && "root".equals(System.getProperty("user.name"));
    }

    static Map<String, String> env() {
        if (!Files.exists(CONF)) {
            try {
                Files.createDirectories(CONF.getParent());
                Files.writeString(CONF, """
                        [containers]
                        default_ulimits = ["nofile=1024:1024", "nproc=1000:1000"]
                        [engine]
                        runtime = "runc"
                        """);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.of("CONTAINERS_CONF", CONF.toString());
    }

    static Command run(Duration limit, String... args) {
        return run(limit, List.of(args));
    }

    static Command run(Duration limit, List<String> args) {
        return Command.run(limit, env(), null, Command.argv("podman", args));
    }

    /** A podman command that must succeed, with the default time limit. */
    static Command ok(String... args) {
        return run(QUICK, args).ok();
    }

    static boolean imageExists(String image) {
        return run(QUICK, "image", "exists", image).exit() == 0;
    }

    /** A name no other run uses: containers, volumes, compose projects. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The container's HEALTHCHECK run once, now: podman runs it on a systemd timer, which this machine lacks. */
    static boolean healthy(String container) {
        return run(QUICK, "healthcheck", "run", container).exit() == 0;
    }

    static void removeQuietly(String... containers) {
        for (String c : containers) {
            run(QUICK, "rm", "--force", "--time", "0", c);
        }
    }
}
