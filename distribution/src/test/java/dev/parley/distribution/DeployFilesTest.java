package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose files' promises, read from the files themselves: every engine keeps its data in a named volume and has a
 * health check, every node waits for healthy engines and is configured only with settings docs/configuration.md
 * documents, and HAProxy balances exactly the nodes the files define. (The one-node file also runs, in
 * ComposeBrowserIT, and the first tier's in ClusterComposeIT; the Kafka tier's only here.)
 */
class DeployFilesTest {
    private static final String PARLEY_IMAGE = "${PARLEY_IMAGE:-localhost/parley:latest}";
    private static final Pattern DOC_KEY = Pattern.compile("`([a-zA-Z_.]+)`");

    @ParameterizedTest
    @ValueSource(strings = {"compose.yaml", "compose.cluster.yaml", "compose.kafka.yaml"})
    void everyEngineHasAVolumeAndAHealthCheckAndEveryNodeWaitsForThemHealthy(String file) throws IOException {
        Map<String, Object> compose = read(file);
        Map<String, Object> services = map(compose.get("services"));
        Set<String> declaredVolumes = compose.get("volumes") == null ? Set.of() : map(compose.get("volumes")).keySet();
        List<String> engines = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        services.forEach((name, s) -> {
            String image = String.valueOf(map(s).get("image"));
            if (image.equals(PARLEY_IMAGE)) {
                nodes.add(name);
            } else if (!name.equals("haproxy")) {
                engines.add(name);
            }
        });
        assertThat(nodes).as("Parley nodes in %s", file).isNotEmpty();

        for (String name : concat(engines, nodes)) {
            Map<String, Object> service = map(services.get(name));
            assertThat(map(service.get("healthcheck")).get("test")).as("%s: %s's health check", file, name).isNotNull();
            assertThat(service.get("restart")).as("%s: %s's restart policy", file, name).isEqualTo("unless-stopped");
        }
        for (String engine : concat(engines, nodes.size() == 1 ? nodes : List.of())) {
            List<String> named = volumes(services.get(engine)).stream().map(v -> v.substring(0, v.indexOf(':')))
                    .filter(declaredVolumes::contains).toList();
            assertThat(named).as("%s: %s keeps its data in a named volume", file, engine).isNotEmpty();
        }
        for (String node : nodes) {
            Map<String, Object> service = map(services.get(node));
            assertThat(String.valueOf(service.get("stop_grace_period"))).as("%s: %s has time to drain", file, node).isEqualTo("30s");
            if (!engines.isEmpty()) {
                Map<String, Object> dependsOn = map(service.get("depends_on"));
                assertThat(dependsOn.keySet()).as("%s: %s waits for", file, node).containsExactlyInAnyOrderElementsOf(engines);
                dependsOn.values().forEach(d -> assertThat(map(d).get("condition")).isEqualTo("service_healthy"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"compose.yaml", "compose.cluster.yaml"})
    void nodesAreConfiguredWithDocumentedSettingsOnly(String file) throws IOException {
        assertSettingsDocumented(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"compose.kafka.yaml"})
    void kafkaTierNodesAreConfiguredWithDocumentedSettingsOnly(String file) throws IOException {
        assumeTrue(Files.readString(Dist.root().resolve("docs/configuration.md")).contains("`kafka.bootstrap.servers`"),
                "the Kafka tier's settings are documented (and exist) once the kafka branch is merged");
        assertSettingsDocumented(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"compose.cluster.yaml", "compose.kafka.yaml"})
    void haproxyBalancesExactlyTheNodesOfTheFile(String file) throws IOException {
        Map<String, Object> services = map(read(file).get("services"));
        Set<String> nodes = new LinkedHashSet<>();
        services.forEach((name, s) -> {
            if (PARLEY_IMAGE.equals(map(s).get("image"))) {
                nodes.add(name + ":8080");
            }
        });
        Set<String> servers = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*server\\s+\\S+\\s+(\\S+)").matcher(Files.readString(Dist.root().resolve("deploy/haproxy.cfg")));
        while (m.find()) {
            servers.add(m.group(1));
        }
        assertThat(servers).isEqualTo(nodes);
        assertThat(volumes(services.get("haproxy"))).contains("./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
    }

    private static void assertSettingsDocumented(String file) throws IOException {
        Set<String> documented = documentedSettings();
        Map<String, Object> services = map(read(file).get("services"));
        for (Map.Entry<String, Object> service : services.entrySet()) {
            if (!PARLEY_IMAGE.equals(map(service.getValue()).get("image"))) {
                continue;
            }
            for (String variable : map(map(service.getValue()).get("environment")).keySet()) {
                assertThat(variable).startsWith("PARLEY_");
                String key = variable.substring("PARLEY_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                assertThat(documented.contains(key) || documented.contains(variable))
                        .as("%s: %s sets %s (%s), which docs/configuration.md does not document", file, service.getKey(), key, variable)
                        .isTrue();
            }
        }
    }

    /** Keys in the first column of docs/configuration.md's tables ("`a.b.burst`, `.per.second`" names two). */
    private static Set<String> documentedSettings() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (String line : Files.readAllLines(Dist.root().resolve("docs/configuration.md"))) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String first = line.substring(1, line.indexOf('|', 1));
            Matcher m = DOC_KEY.matcher(first);
            String previous = null;
            while (m.find()) {
                String key = m.group(1);
                if (key.startsWith(".") && previous != null) {
                    key = previous.substring(0, previous.lastIndexOf('.')) + key;
                }
                keys.add(key);
                previous = key;
            }
        }
        return keys;
    }

    private static Map<String, Object> read(String file) throws IOException {
        return new Yaml().load(Files.readString(Dist.root().resolve("deploy").resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(Object service) {
        Object v = map(service).get("volumes");
        return v == null ? List.of() : (List<String>) v;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
