package dev.parley.server.rest;

import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.ok;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Api.Reply;
import dev.parley.server.support.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Login limits with their defaults: failures count per (username, client address), tightly, and per username,
 * loosely; successes do not count. The owner and the stranger are told apart by their addresses (127.0.0.2 and
 * 127.0.0.3: the loopback network reaches the node on 127.0.0.1 from any of its addresses).
 */
class LoginLimitsTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private static Reply login(Api from, String username, String password) {
        return from.post(V1 + "/auth/login", null, obj("username", username, "password", password));
    }

    @Test
    void aStrangersWrongPasswordsDoNotLockTheOwnerOut() {
        Api api = NODE.api();
        Account owner = api.register("owner");
        Api stranger = api.from("127.0.0.3");
        Api ownersLaptop = api.from("127.0.0.2");

        for (int i = 0; i < 10; i++) {
            assertError(login(stranger, owner.username(), "guess " + i), 401, "invalid_credentials");
        }
        Reply throttled = assertError(login(stranger, owner.username(), "guess 10"), 429, "rate_limited");
        assertThat(throttled.header("Retry-After")).isNotNull();
        assertError(login(stranger, owner.username(), Rest.PASSWORD), 429, "rate_limited");
        for (int i = 0; i < 20; i++) {
            assertError(login(stranger, owner.username(), "more " + i), 429, "rate_limited");
        }

        assertThat(ok(login(ownersLaptop, owner.username(), Rest.PASSWORD), 200).path("user").path("id").asText())
                .isEqualTo(owner.id());
    }

    @Test
    void successfulLoginsDoNotCountAgainstTheLimits() {
        Api api = NODE.api();
        Account owner = api.register("regular");
        Api phone = api.from("127.0.0.4");
        for (int i = 0; i < 25; i++) {
            assertThat(login(phone, owner.username(), Rest.PASSWORD).status()).as("login %d", i + 1).isEqualTo(200);
        }
        // and a typo afterwards is still only a typo
        assertError(login(phone, owner.username(), "typo"), 401, "invalid_credentials");
        assertThat(login(phone, owner.username(), Rest.PASSWORD).status()).isEqualTo(200);
    }
}
