package dev.parley.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine does not outlive a JVM killed with SIGKILL (no shutdown hook runs). */
class ReaperTest {
    /** Started in a JVM of its own by the test: starts a Redis, prints its port, waits. */
    public static void main(String[] args) throws Exception {
        RedisEngine redis = RedisEngine.start(Path.of(args[0]));
        System.out.println(redis.port());
        Thread.sleep(60_000);
    }

    @Test
    void killsTheEnginesOfAJvmThatWasKilled(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ReaperTest.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int port;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            port = Integer.parseInt(r.readLine().strip());
        }
        assertThat(Ports.isOpen(port)).isTrue();

        jvm.destroyForcibly();
        assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (Ports.isOpen(port) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Ports.isOpen(port)).as("redis on port %d still answers", port).isFalse();
        assertThat(Files.exists(dir.resolve("redis.log"))).isTrue();
    }
}
