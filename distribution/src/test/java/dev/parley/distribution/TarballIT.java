package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarballs unpacked in a temporary folder outside the source tree and started there by bin/parley, with an
 * environment that holds nothing of the build: no Maven, no class path, no JAVA_HOME unless the test gives one.
 */
@Tag("packaged")
class TarballIT {
    private static final Pattern LISTENING = Pattern.compile("Parley listening on (http://\\S+)");

    @TempDir
    Path outside;

    @Test
    void theTarballHoldsTheStartScriptBothJarsAndEveryLibraryTheirManifestsName() throws IOException {
        Path dist = Dist.unpack(Dist.tarball(), outside);
        assertThat(Files.isExecutable(dist.resolve("bin/parley"))).isTrue();
        assertThat(Files.readString(dist.resolve("VERSION")).strip()).isEqualTo(Dist.version());
        assertThat(dist.resolve("Containerfile")).exists();
        assertThat(dist.resolve("deploy/parley.service")).exists();
        assertThat(dist.resolve("docs/configuration.md")).exists();
        assertThat(dist.resolve("runtime")).doesNotExist();

        Set<String> named = new TreeSet<>();
        for (String jar : List.of("parley-server.jar", "parley-bench.jar")) {
            try (JarFile j = new JarFile(dist.resolve(jar).toFile())) {
                Attributes main = j.getManifest().getMainAttributes();
                assertThat(main.getValue("Main-Class")).as(jar).isNotBlank();
                for (String entry : main.getValue("Class-Path").split(" ")) {
                    assertThat(dist.resolve(entry)).as("%s names %s", jar, entry).exists();
                    named.add(entry);
                }
            }
        }
        try (Stream<Path> lib = Files.list(dist.resolve("lib"))) {
            assertThat(lib.map(p -> "lib/" + p.getFileName()).sorted().toList()).as("nothing in lib/ but what the jars name")
                    .containsExactlyElementsOf(named);
        }
    }

    @Test
    void unpackedOutsideTheSourceTreeItRunsANodeAndTheBenchToolWithoutMaven() throws IOException {
        Path dist = Dist.unpack(Dist.tarball(), outside);
        Map<String, String> env = bareEnvironment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // the bench tool's sends and sign-ups would exceed a node's per-user and per-address limits
        env.put("PARLEY_RATE_LIMIT_SEND_BURST", "100000");
        env.put("PARLEY_RATE_LIMIT_SEND_PER_SECOND", "100000");
        env.put("PARLEY_RATE_LIMIT_REGISTER_ADDRESS_BURST", "100000");
        try (Started node = Started.start(outside, env, List.of(dist.resolve("bin/parley").toString(), "run"))) {
            String url = node.awaitLine(LISTENING, Duration.ofSeconds(60));
            assertOnlyTheDistributionIsOpen(node.pid(), dist, Path.of(System.getProperty("java.home")));

            try (Chat chat = Chat.begin(url)) {
                Map<String, String> probe = bareEnvironment();
                probe.put("PARLEY_HTTP_PORT", url.substring(url.lastIndexOf(':') + 1));
                Command health = Command.run(Duration.ofSeconds(30), probe, outside, dist.resolve("bin/parley").toString(), "health");
                assertThat(health.exit()).as("bin/parley health: %s", health.err()).isZero();

                Map<String, String> benchEnv = new HashMap<>(env);
                benchEnv.put("BENCH_JAVA_OPTS", "-Xms64m -Xmx512m");
                Path result = outside.resolve("fanout.json");
                Command bench = Command.run(Duration.ofMinutes(2), benchEnv, outside, dist.resolve("bin/parley").toString(), "bench",
                        "fanout", "--url", url, "--channels", "1", "--members", "2", "--rate", "5", "--warmup", "0",
                        "--duration", "1", "--drain", "1", "--quiet", "--out", result.toString());
                assertThat(bench.exit()).as("bin/parley bench: %s%s", bench.out(), bench.err()).isZero();
                assertThat(Files.readString(result)).contains("\"lost\"");

                chat.drainWhileSending(() -> node.signal("TERM"));
                assertThat(node.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
            }
            assertThat(node.output()).contains("Parley stopping: draining connections", "Parley stopped");
        }
        // data.dir's default, "data", is the current directory's
        assertThat(outside.resolve("data/parley.db")).exists();
    }

    @Test
    void withItsOwnRuntimeItNeedsNoJdk() throws IOException {
        Path dist = Dist.unpack(Dist.tarballWithRuntime(), outside);
        Map<String, String> env = bareEnvironment(); // no JAVA_HOME; the PATH's java, if any, is not the one used
        try (Started node = Started.start(outside, env, List.of(dist.resolve("bin/parley").toString()))) {
            String url = node.awaitLine(LISTENING, Duration.ofSeconds(60));
            assertThat(Path.of("/proc", Long.toString(node.pid()), "exe").toRealPath())
                    .isEqualTo(dist.resolve("runtime/bin/java").toRealPath());
            assertOnlyTheDistributionIsOpen(node.pid(), dist);
            try (Chat chat = Chat.begin(url)) {
                chat.drainWhileSending(() -> node.signal("TERM"));
                assertThat(node.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
            }
        }

        // the runtime holds every module the node's and the tool's classes and libraries use, as jdeps finds them
        Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
        List<String> jars = Stream.concat(Stream.of("parley-server.jar", "parley-bench.jar"),
                Arrays.stream(dist.resolve("lib").toFile().list()).map(f -> "lib/" + f)).toList();
        String needed = Command.run(Duration.ofMinutes(3), Map.of(), dist, Command.argv(jdeps.toString(), Stream.concat(
                Stream.of("--ignore-missing-deps", "--multi-release", Integer.toString(Runtime.version().feature()),
                        "--print-module-deps"), jars.stream()).toList())).ok().out().strip();
        Set<String> present = new TreeSet<>();
        Command.run(Duration.ofSeconds(30), Map.of(), dist, dist.resolve("runtime/bin/java").toString(), "--list-modules").ok()
                .out().lines().forEach(l -> present.add(l.replaceFirst("@.*", "")));
        assertThat(present).as("runtime modules").containsAll(List.of(needed.split(",")));
    }

    /**
     * Nothing of the build: a PATH of system folders only, a HOME of its own, no JAVA_HOME, no Maven settings; and a
     * free port rather than the default 8080.
     */
    private Map<String, String> bareEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", outside.toString());
        env.put("LANG", "C.UTF-8");
        env.put("PARLEY_HTTP_PORT", "0");
        return env;
    }

    /**
     * Every jar (and Java runtime image) the node's JVM has open is the distribution's, or under {@code javaHome} when
     * the test gave one: none from ~/.m2 or the source tree.
     */
    private static void assertOnlyTheDistributionIsOpen(long pid, Path dist, Path... javaHome) throws IOException {
        Path real = dist.toRealPath();
        List<Path> jars;
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            jars = fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd);
                } catch (IOException closedMeanwhile) {
                    return Path.of("");
                }
            }).filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith("/modules")).toList();
        }
        assertThat(jars).as("jars open").isNotEmpty();
        assertThat(jars).as("jars open").allMatch(p -> p.startsWith(real) || Arrays.stream(javaHome).anyMatch(p::startsWith));
        assertThat(Path.of("/proc", Long.toString(pid), "cwd").toRealPath()).isEqualTo(real.getParent());
    }
}
