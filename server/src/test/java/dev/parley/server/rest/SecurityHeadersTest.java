package dev.parley.server.rest;

import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Api.Reply;
import dev.parley.server.support.RawHttp;
import dev.parley.server.support.TestNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every answer, of the browser client and of the API, successes and errors alike, carries the security headers:
 * a Content-Security-Policy without inline script that forbids framing, nosniff, X-Frame-Options and a
 * Referrer-Policy. (That the client runs under the policy is shown by the browser tests, which fail on any
 * violation.)
 */
class SecurityHeadersTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        Api api = NODE.api();
        Account user = api.register("headers");
        List<Reply> replies = List.of(
                api.get("/", null),
                api.get("/index.html", null),
                api.get("/js/main.js", null),
                api.get("/css/base.css", null),
                api.get("/favicon.svg", null),
                api.get("/no/such/file.png", null),
                api.get(V1 + "/users/me", user.token()),
                api.get(V1 + "/users/me", null),
                api.get(V1 + "/no-such-endpoint", user.token()),
                api.post(V1 + "/auth/register", null, obj("username", "x", "password", "short")),
                api.post(V1 + "/auth/login", null, obj("username", user.username(), "password", Rest.PASSWORD)),
                api.get(V1 + "/gateway", null),
                api.get("/gateway", null),
                api.get("/health/live", null),
                api.get("/health/ready", null),
                api.get("/metrics", null));
        for (Reply r : replies) {
            assertSecured(r.raw().uri() + " (" + r.status() + ")", name -> r.header(name));
        }
        RawHttp.Answer tooLong = RawHttp.request(NODE.baseUrl(), "GET", "/" + "a".repeat(20_000), null);
        assertThat(tooLong.status()).isEqualTo(414);
        assertSecured("a 414", tooLong::header);
        RawHttp.Answer badPercent = RawHttp.request(NODE.baseUrl(), "GET", V1 + "/users/search?q=%ZZ", null);
        assertSecured("a malformed target", badPercent::header);
    }

    @Test
    void thePolicyAllowsNoInlineScriptAndNoFraming() {
        String policy = NODE.api().get("/", null).header("Content-Security-Policy");
        Map<String, String> directives = new java.util.HashMap<>();
        for (String directive : policy.split(";")) {
            String[] parts = directive.strip().split(" ", 2);
            directives.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        assertThat(directives.get("script-src")).isEqualTo("'self'");
        assertThat(directives.get("default-src")).isEqualTo("'self'");
        assertThat(directives.get("frame-ancestors")).isEqualTo("'none'");
        assertThat(directives.get("object-src")).isEqualTo("'none'");
        assertThat(policy).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    }

    private static void assertSecured(String what, Function<String, String> header) {
        assertThat(header.apply("Content-Security-Policy")).as("CSP of %s", what).contains("default-src 'self'");
        assertThat(header.apply("X-Content-Type-Options")).as("nosniff of %s", what).isEqualTo("nosniff");
        assertThat(header.apply("X-Frame-Options")).as("X-Frame-Options of %s", what).isEqualTo("DENY");
        assertThat(header.apply("Referrer-Policy")).as("Referrer-Policy of %s", what).isEqualTo("no-referrer");
    }
}
