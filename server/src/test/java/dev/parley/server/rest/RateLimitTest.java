package dev.parley.server.rest;

import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.history;
import static dev.parley.server.rest.Rest.ok;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Api.Reply;
import dev.parley.server.support.TestNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The default limits: sends in bursts of 10 refilled at 1/s per user, logins in bursts of 10 per username. */
class RateLimitTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private Api api;

    @BeforeEach
    void setUp() {
        api = NODE.api();
    }

    @Test
    void theEleventhImmediateSendIsRateLimitedWithRetryAfterAndIsNotStored() {
        Account sender = api.register("burst");
        Account other = api.register("other");
        String channelId = api.channel(sender, "busy", "private");
        api.addMember(sender, channelId, other);

        long start = System.nanoTime();
        List<String> accepted = new ArrayList<>();
        Reply refused = null;
        // the bucket holds 10 and refills at 1/s: at most one more send per second that the burst takes
        for (int i = 0; i < 100 && refused == null; i++) {
            Reply r = api.send(sender, channelId, "message " + i);
            if (r.status() == 201) {
                accepted.add(r.json().path("id").asText());
            } else {
                refused = r;
            }
        }
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;

        assertThat(refused).as("a send was refused").isNotNull();
        assertError(refused, 429, "rate_limited");
        assertThat(accepted.size()).isGreaterThanOrEqualTo(10).isLessThanOrEqualTo(10 + (int) Math.ceil(elapsedSeconds));
        if (elapsedSeconds < 1.0) {
            assertThat(accepted).hasSize(10);
        }
        long retryAfterMs = refused.json().path("error").path("retry_after_ms").asLong();
        assertThat(retryAfterMs).isPositive().isLessThanOrEqualTo(1000);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isEqualTo(1);

        // nothing was stored for the refused send
        JsonNode page = history(api, other, channelId, "limit=100");
        Set<String> stored = new HashSet<>();
        page.path("messages").forEach(m -> stored.add(m.path("id").asText()));
        assertThat(stored).isEqualTo(new HashSet<>(accepted));
        assertThat(Rest.lastSeq(api, other, channelId)).isEqualTo(1 + accepted.size());

        // the limit is per user: another member may still send
        assertThat(api.send(other, channelId, "my own bucket").status()).isEqualTo(201);
    }

    @Test
    void aResentNonceReturnsTheOriginalMessageEvenPastTheRateLimit() {
        Account sender = api.register("retrier");
        String channelId = api.channel(sender, "retries", "private");
        String path = V1 + "/conversations/" + channelId + "/messages";
        JsonNode original = ok(api.post(path, sender.token(), obj("content", "first", "nonce", "lost-ack")), 201);
        Reply refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            Reply r = api.send(sender, channelId, "filler " + i);
            if (r.status() != 201) {
                refused = r;
            }
        }
        assertThat(refused).as("the burst ran out").isNotNull();
        assertError(refused, 429, "rate_limited");

        Reply resent = api.post(path, sender.token(), obj("content", "first", "nonce", "lost-ack"));

        assertThat(resent.status()).isEqualTo(201);
        assertThat(resent.json()).isEqualTo(original);
    }

    @Test
    void refusedInputDoesNotSpendTheSendBudget() {
        Account sender = api.register("careful");
        String channelId = api.channel(sender, "quiet", "private");
        for (int i = 0; i < 15; i++) {
            assertError(api.send(sender, channelId, "   "), 400, "content_empty");
        }
        long start = System.nanoTime();
        int accepted = 0;
        while (api.send(sender, channelId, "ok " + accepted).status() == 201 && accepted < 100) {
            accepted++;
        }
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(accepted).isGreaterThanOrEqualTo(10).isLessThanOrEqualTo(10 + (int) Math.ceil(elapsedSeconds));
    }

    @Test
    void theEleventhBadLoginForAUsernameIsRateLimitedEvenWithTheRightPassword() {
        Account target = api.register("target");
        for (int i = 0; i < 10; i++) {
            assertError(api.post(V1 + "/auth/login", null, obj("username", target.username(), "password", "guess " + i)),
                    401, "invalid_credentials");
        }
        Reply eleventh = assertError(api.post(V1 + "/auth/login", null,
                obj("username", target.username(), "password", "guess 10")), 429, "rate_limited");
        assertThat(eleventh.header("Retry-After")).isNotNull();
        assertThat(Long.parseLong(eleventh.header("Retry-After"))).isPositive();
        assertThat(eleventh.json().path("error").path("retry_after_ms").asLong()).isPositive();

        // the right password does not get past the limit either, and no session was opened
        assertError(api.post(V1 + "/auth/login", null, obj("username", target.username(), "password", Rest.PASSWORD)),
                429, "rate_limited");
        assertError(api.post(V1 + "/auth/login", null, obj("username", target.username().toUpperCase(),
                "password", Rest.PASSWORD)), 429, "rate_limited");
        assertThat(ok(api.get(V1 + "/auth/sessions", target.token()), 200).path("sessions").size()).isEqualTo(1);

        // the limit is per username: another user logs in fine
        Account bystander = api.register("bystander");
        assertThat(api.post(V1 + "/auth/login", null, obj("username", bystander.username(), "password", Rest.PASSWORD))
                .status()).isEqualTo(200);
    }
}
