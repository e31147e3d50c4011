package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * deploy/compose.cluster.yaml, unchanged, brought up by podman-compose: PostgreSQL, Redis, three nodes of this build's
 * image and HAProxy with deploy/haproxy.cfg. The public engine images it names cannot be pulled here, so its image
 * variables point at stand-ins made from Debian's packages (src/test/resources/engines): what is tested is the file's
 * wiring (the nodes' settings, names, health checks, the balancer passing REST and WebSockets and leaving out a
 * stopping node) and the rolling restart of docs/operations.md, not the public images.
 */
@Tag("packaged")
class ClusterComposeIT {
    @RegisterExtension
    static final Images IMAGES = new Images();
    private static final Pattern NODE_ID = Pattern.compile("node (\\d+) serving on");

    @Test
    void threeNodesBehindHaproxyServeChatAndKeepServingThroughARollingRestart() {
        assumeTrue(Compose.available(), "podman-compose is not installed (.ci/prepare installs it)");
        assumeTrue(Files.exists(Path.of("/usr/lib/cni/dnsname")),
                "podman's dnsname plugin is not installed (.ci/prepare installs it): containers could not find each other by name");
        int port = Dist.freePort();
        String url = "http://127.0.0.1:" + port;
        try (Compose compose = new Compose("compose.cluster.yaml", Map.of(
                "PARLEY_IMAGE", IMAGES.parley(),
                "POSTGRES_IMAGE", IMAGES.engine("postgres"),
                "REDIS_IMAGE", IMAGES.engine("redis"),
                "HAPROXY_IMAGE", IMAGES.engine("haproxy"),
                "POSTGRES_PASSWORD", UUID.randomUUID().toString(),
                "PARLEY_PORT", Integer.toString(port),
                "PARLEY_PUBLIC_URL", url))) {
            compose.up();
            compose.awaitHealthy(Duration.ofMinutes(2), "postgres", "redis", "parley-1", "parley-2", "parley-3");
            // three nodes of one cluster: each leased its own node id from the directory in Redis
            Set<String> ids = new TreeSet<>();
            for (String node : new String[] {"parley-1", "parley-2", "parley-3"}) {
                Matcher m = NODE_ID.matcher(Podman.ok("logs", compose.container(node)).out());
                assertThat(m.find()).as("%s started", node).isTrue();
                ids.add(m.group(1));
            }
            assertThat(ids).hasSize(3);

            try (Chat chat = Chat.begin(url)) {
                chat.close(); // sockets through the balancer were shown; the restarts below take them away
                // docs/operations.md, "Upgrades": one node at a time, each back and ready before the next
                for (String node : new String[] {"parley-1", "parley-2", "parley-3"}) {
                    String container = compose.container(node);
                    Podman.ok("stop", "--time", "30", container);
                    assertThat(Podman.ok("inspect", "--format", "{{.State.ExitCode}}", container).out().strip())
                            .as("%s drained and exited", node).isEqualTo("143");
                    chat.sendOverHttp(url, "sent while " + node + " was down", Duration.ofSeconds(30));
                    Podman.ok("start", container);
                    compose.awaitHealthy(Duration.ofMinutes(2), node);
                }
                chat.assertStored(url);
            }
        }
    }
}
