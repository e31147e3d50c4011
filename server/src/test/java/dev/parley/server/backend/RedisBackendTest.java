package dev.parley.server.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.engines.RedisExtension;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import io.netty.util.Version;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node whose relay and shared state (presence, rate limits) are in Redis. */
class RedisBackendTest {
    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.shared();
    private static final String PREFIX = "backend-test";
    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("relay.type", "redis")
            .with("state.type", "redis")
            .with("redis.url", REDIS.url())
            .with("redis.prefix", PREFIX);

    @Test
    void messagesTravelThroughRedisAndSendsAndPresenceAreKeptThere() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String channel = api.channel(alice, "general", "private");
        api.addMember(alice, channel, bob);
        try (Ws b = Ws.connect(NODE.baseUrl(), bob.token())) {
            JsonNode sent = api.send(alice, channel, "hello").json();

            assertThat(b.next("MESSAGE_CREATE").path("d").path("message")).isEqualTo(sent);
            assertThat(REDIS.engine().command("EXISTS", PREFIX + ":rate:send:" + alice.id())).isEqualTo(":1");
            assertThat(REDIS.engine().command("EXISTS", PREFIX + ":presence:user:" + bob.id())).isEqualTo(":1");
        }
    }

    @Test
    void theNodeIsNotReadyWhileRedisIsDown() throws InterruptedException {
        Api api = NODE.api();
        assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
        try {
            REDIS.engine().stop();
            awaitStatus(() -> api.get("/health/ready", null).status() == 503, "not ready");
        } finally {
            REDIS.engine().start();
        }
        awaitStatus(() -> api.get("/health/ready", null).status() == 200, "ready again");
    }

    @Test
    void lettuceRunsOnTheNettyOfVertx() {
        assertThat(Version.identify().values()).extracting(Version::artifactVersion).containsOnly(
                Version.identify().get("netty-codec-http").artifactVersion()).allMatch(v -> v.startsWith("4.2."));
    }

    private static void awaitStatus(BooleanSupplier reached, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!reached.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the node is %s within 20 s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
