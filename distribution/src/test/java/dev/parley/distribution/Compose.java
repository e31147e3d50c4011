package dev.parley.distribution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of deploy/'s compose files, unchanged, as a podman-compose project of its own, configured only through the
 * variables the file documents. {@link #close()} removes everything the project made: containers, their anonymous
 * volumes, its named volumes and its network.
 */
final class Compose implements AutoCloseable {
    private final String file;
    private final String project;
    private final Map<String, String> variables;

    Compose(String file, Map<String, String> variables) {
        this.file = file;
        this.project = Podman.uniqueName("parley-compose-it");
        this.variables = Map.copyOf(variables);
    }

    /** podman-compose is installed (.ci/prepare installs it). */
    static boolean available() {
        return Command.onPath("podman-compose");
    }

    /** The container of a service (podman-compose 1.0.3 names them PROJECT_SERVICE_1). */
    String container(String service) {
        return project + "_" + service + "_1";
    }

    void up() {
        run(Duration.ofMinutes(5), "up", "--detach").ok();
        System.out.println(Podman.ok("ps", "--all", "--filter", "label=io.podman.compose.project=" + project).out());
    }

    /** Stops every container, each given 30 s to drain (podman-compose's default is 1 s before SIGKILL). */
    void stop() {
        run(Duration.ofMinutes(3), "stop", "--timeout", "30").ok();
    }

    /** Removes the containers, keeping the named volumes. */
    void down() {
        run(Duration.ofMinutes(3), "down", "--timeout", "30").ok();
    }

    /** Waits until the health check of each service's container passes. */
    void awaitHealthy(Duration limit, String... services) {
        for (String service : services) {
            Dist.await(limit, container(service) + " healthy", () -> Podman.healthy(container(service)));
        }
    }

    private Command run(Duration limit, String... args) {
        Map<String, String> env = new HashMap<>(Podman.env());
        env.put("PATH", System.getenv("PATH"));
        env.putAll(variables);
        List<String> argv = new ArrayList<>(List.of("podman-compose", "--project-name", project,
                "--file", Dist.root().resolve("deploy").resolve(file).toString()));
        argv.addAll(List.of(args));
        return Command.run(limit, env, null, argv);
    }

    @Override
    public void close() {
        for (String c : Podman.ok("ps", "--all", "--quiet", "--filter", "label=io.podman.compose.project=" + project).out().split("\\s+")) {
            if (!c.isBlank()) {
                Podman.run(Podman.QUICK, "rm", "--force", "--volumes", "--time", "30", c);
            }
        }
        run(Duration.ofMinutes(3), "down", "--volumes", "--timeout", "30");
        // podman-compose 1.0.3 leaves the project's network behind
        Podman.run(Podman.QUICK, "network", "rm", "--force", project + "_default");
    }
}
