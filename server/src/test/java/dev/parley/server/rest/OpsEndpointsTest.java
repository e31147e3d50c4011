package dev.parley.server.rest;

import static dev.parley.server.rest.Rest.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Api.Reply;
import dev.parley.server.support.TestNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Liveness, readiness and Prometheus metrics, outside /api/v1 and without a token. */
class OpsEndpointsTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private static final Pattern STORED = Pattern.compile("(?m)^parley_messages_stored(?:_total)?(?:\\{[^}]*})? ([0-9.eE+]+)$");

    @Test
    void liveAnswers200WithoutAToken() {
        Reply r = NODE.api().get("/health/live", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("up");
    }

    @Test
    void readyAnswers200WhenTheDatabaseAnswers() {
        Reply r = NODE.api().get("/health/ready", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("ready");
    }

    @Test
    void aNodeAloneSendsClientsToItsOwnGatewayAsTheyReachedIt() {
        Reply r = NODE.api().get("/api/v1/gateway", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("url").asText()).isEqualTo(NODE.baseUrl().replace("http://", "ws://") + "/gateway");
    }

    @Test
    void metricsArePrometheusTextCountingHttpRequestsAndStoredMessages() {
        Api api = NODE.api();
        Account a = api.register("metrics");
        String channelId = api.channel(a, "counted", "private");
        double before = storedMessages(api.get("/metrics", null).raw().body());
        send(api, a, channelId, "one");
        send(api, a, channelId, "two");
        api.get("/api/v1/users/me", a.token());

        Reply r = api.get("/metrics", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("text/plain");
        String text = r.raw().body();
        assertThat(text).contains("# TYPE parley_http_requests");
        assertThat(text).containsPattern("parley_http_requests_seconds_count\\{[^}]*route=\"/users/me\"[^}]*status=\"200\"");
        assertThat(text).contains("# TYPE parley_messages_stored");
        assertThat(storedMessages(text)).isEqualTo(before + 2);
        assertThat(text).contains("jvm_memory_used_bytes");
    }

    private static double storedMessages(String metrics) {
        Matcher m = STORED.matcher(metrics);
        assertThat(m.find()).as("parley_messages_stored in\n%s", metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
