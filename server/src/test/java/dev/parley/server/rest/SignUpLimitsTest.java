package dev.parley.server.rest;

import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Api.Reply;
import dev.parley.server.support.TestNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-ups are limited per client address (default: bursts of 10, then one every 10 seconds). */
class SignUpLimitsTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("rate.limit.register.address.burst", "10").with("rate.limit.register.address.per.second", "0.1");

    static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static Reply register(Api from, String username) {
        return from.post(V1 + "/auth/register", null, obj("username", username, "password", Rest.PASSWORD));
    }

    @Test
    void signUpsAreRateLimitedPerAddress() {
        Api office = NODE.api().from("127.0.0.5");
        for (int i = 0; i < 10; i++) {
            assertThat(register(office, name("office")).status()).as("sign-up %d", i + 1).isEqualTo(201);
        }
        String refusedName = name("eleventh");
        Reply refused = assertError(register(office, refusedName), 429, "rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 10L);
        assertThat(refused.json().path("error").path("retry_after_ms").asLong()).isPositive();
        assertError(register(office, "x"), 400, "invalid_username");

        Api elsewhere = NODE.api().from("127.0.0.6");
        Account someone = NODE.api().from("127.0.0.7").register("someone");
        assertThat(elsewhere.get(V1 + "/users?username=" + refusedName, someone.token()).status())
                .as("the refused sign-up stored nothing").isEqualTo(404);
        assertThat(register(elsewhere, refusedName).status()).as("another address signs up").isEqualTo(201);
    }
}
