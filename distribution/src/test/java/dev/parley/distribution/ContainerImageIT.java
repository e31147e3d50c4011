package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Ws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Containerfile, built on a locally made JRE base and run under podman as an operator would run it. */
@Tag("packaged")
class ContainerImageIT {
    @RegisterExtension
    static final Images IMAGES = new Images();

    @Test
    void theImageRunsAsANonRootUserWithItsDataInAVolumeAHealthCheckAndNoBuildTools() throws Exception {
        JsonNode config = Api.JSON.readTree(Podman.ok("image", "inspect", "--format", "{{json .Config}}", IMAGES.parley()).out());
        assertThat(config.path("User").asText()).isEqualTo("10001:10001");
        assertThat(config.path("Volumes").has("/var/lib/parley")).isTrue();
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.path("StopSignal").asText()).isEqualTo("SIGTERM");
        assertThat(config.path("Entrypoint").toString()).isEqualTo("[\"/opt/parley/bin/parley\"]");
        // kept by podman build --format docker (an OCI image has no health check)
        JsonNode health = Api.JSON.readTree(Podman.ok("inspect", "--type", "image", "--format", "{{json .HealthCheck}}", IMAGES.parley()).out());
        assertThat(health.path("Test").toString()).isEqualTo("[\"CMD\",\"/opt/parley/bin/parley\",\"health\"]");
        List<String> env = new ArrayList<>();
        config.path("Env").forEach(e -> env.add(e.asText()));
        assertThat(env).contains("PARLEY_HTTP_HOST=0.0.0.0", "PARLEY_HTTP_PORT=8080", "PARLEY_DATA_DIR=/var/lib/parley");

        // inside: the user the node runs as, its data directory, and nothing to build with
        String inside = Podman.ok("run", "--rm", "--network", "none", "--entrypoint", "bash", IMAGES.parley(), "-c",
                "id -u; id -g; stat -c '%u %a' /var/lib/parley; touch /opt/parley/probe 2>/dev/null && echo code-writable;"
                        + " for t in javac jar jlink mvn gradle gcc cc make; do command -v $t >/dev/null && echo has-$t; done; true").out();
        assertThat(inside.lines().toList()).containsExactly("10001", "10001", "10001 700");
    }

    @Test
    void aNodeInTheImageChatsDrainsOnSigtermAndFindsItsMessagesAgainOnTheSameVolume() {
        String volume = Podman.uniqueName("parley-it-data");
        String first = Podman.uniqueName("parley-it");
        String second = Podman.uniqueName("parley-it");
        Podman.ok("volume", "create", volume);
        try {
            int port = Dist.freePort();
            String url = "http://127.0.0.1:" + port;
            start(first, volume, port, "--env", "PARLEY_GATEWAY_HEARTBEAT_INTERVAL_MS=12345");
            // the image's own HEALTHCHECK, run as podman would on its timer
            Dist.await(Duration.ofSeconds(60), "container " + first + " healthy", () -> Podman.healthy(first));
            // configured by a PARLEY_* variable given at run time
            try (Ws ws = Ws.open(url)) {
                assertThat(ws.drainAll().getFirst().path("d").path("heartbeat_interval_ms").asLong()).isEqualTo(12345);
            }

            try (Chat chat = Chat.begin(url)) {
                long t0 = System.nanoTime();
                chat.drainWhileSending(() -> Podman.ok("kill", "--signal", "TERM", first));
                assertThat(Podman.run(Duration.ofSeconds(60), "wait", first).ok().out().strip())
                        .as("exit status after SIGTERM (the JVM's, after its shutdown hook)").isEqualTo("143");
                System.out.printf("SIGTERM to exit: %.1f s%n", (System.nanoTime() - t0) / 1e9);
                String logs = Podman.ok("logs", first).out();
                assertThat(logs).contains("Parley listening on", "Parley stopping: draining connections", "Parley stopped");

                // a new container on the same volume (and another port): the messages are there
                int port2 = Dist.freePort();
                start(second, volume, port2);
                chat.assertStored("http://127.0.0.1:" + port2);
                assertThat(chat.acknowledgedCount()).isGreaterThanOrEqualTo(2);
            }
        } finally {
            Podman.removeQuietly(first, second);
            Podman.run(Podman.QUICK, "volume", "rm", "--force", volume);
        }
    }

    private static void start(String name, String volume, int port, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--detach", "--name", name,
                "--publish", "127.0.0.1:" + port + ":8080", "--volume", volume + ":/var/lib/parley"));
        args.addAll(List.of(options));
        args.add(IMAGES.parley());
        Podman.run(Podman.QUICK, args).ok();
    }
}
