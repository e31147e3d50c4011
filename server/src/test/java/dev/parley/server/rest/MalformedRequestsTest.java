package dev.parley.server.rest;

import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.history;
import static dev.parley.server.rest.Rest.messages;
import static dev.parley.server.rest.Rest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.RawHttp;
import dev.parley.server.support.RawHttp.Answer;
import dev.parley.server.support.TestNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests malformed below the JSON: bad percent-encoding, text after the JSON, bytes that are not UTF-8, request
 * lines and headers the HTTP codec refuses, WebSocket upgrades without their key. Each gets a 4xx answer in the
 * contract's error shape, never a 500 or an empty body, and changes nothing.
 */
class MalformedRequestsTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private Api api;
    private Account member;
    private String channelId;

    @BeforeEach
    void setUp() {
        api = NODE.api();
        member = api.register("member");
        channelId = api.channel(member, "room", "private");
    }

    @Test
    void malformedPercentEncodingInTheQueryIsInvalidRequestNotInternalError() {
        for (String target : List.of(V1 + "/users/search?q=%ZZ", V1 + "/users/search?q=%", V1 + "/users/search?q=ab%2",
                V1 + "/users/search?q=ab&limit=%ZZ", V1 + "/channels/public?cursor=%", V1 + "/channels/public?q=%G1",
                V1 + "/users?username=%ZZ", V1 + "/presence?user_ids=1,%ZZ",
                messages(channelId) + "?before_seq=%ZZ", V1 + "/users/search?q=%C3%28")) {
            Answer a = RawHttp.request(NODE.baseUrl(), "GET", target, null, "Authorization: Bearer " + member.token());
            assertContractError(a, 400, "invalid_request", target);
        }
    }

    @Test
    void malformedPercentEncodingInThePathIsAnErrorInTheContractShape() {
        for (String target : List.of(V1 + "/users/%ZZ", V1 + "/conversations/%", V1 + "/conversations/1%ZZ/messages")) {
            Answer a = RawHttp.request(NODE.baseUrl(), "GET", target, null, "Authorization: Bearer " + member.token());
            assertThat(a.status()).as("status for %s: %s", target, a.body()).isIn(400, 404);
            assertThat(a.json().path("error").path("code").asText()).as(target).isIn("invalid_request", "not_found");
        }
    }

    @Test
    void jsonFollowedByMoreTextIsMalformedJsonAndStoresNothing() {
        String name = "trail" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        for (String tail : List.of("}", "x", "//c", "/* c */", " {\"content\":\"again\"}", ",", "]", "\u0000")) {
            assertError(api.post(messages(channelId), member.token(), "{\"content\":\"hi\"}" + tail), 400, "malformed_json");
            assertError(api.post(V1 + "/auth/register", null,
                    "{\"username\":\"" + name + "\",\"password\":\"correct horse\"}" + tail), 400, "malformed_json");
            assertError(api.patch(V1 + "/users/me", member.token(), "{\"display_name\":\"Changed\"}" + tail), 400,
                    "malformed_json");
        }
        // whitespace after the object is not more text
        assertThat(api.post(messages(channelId), member.token(), "{\"content\":\"fine\"} \r\n\t").status()).isEqualTo(201);
        JsonNode page = history(api, member, channelId, "");
        assertThat(page.path("messages").size()).as("only the well-formed send was stored").isEqualTo(1);
        assertThat(api.get(V1 + "/users?username=" + name, member.token()).status()).isEqualTo(404);
        assertThat(ok(api.get(V1 + "/users/me", member.token()), 200).path("display_name").asText()).isEqualTo(member.username());
    }

    @Test
    void invalidUtf8InABodyIsInvalidEncodingAndStoresNothing() {
        byte[][] broken = {
            {(byte) 0xC3, 0x28},                       // a lead byte without its continuation
            {(byte) 0xC0, (byte) 0xAF},                // an overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},   // a UTF-16 surrogate encoded as UTF-8
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // five bytes
            {(byte) 0xFF},
            {(byte) 0xE2, (byte) 0x82},                // cut short
        };
        for (byte[] bad : broken) {
            assertError(api.callBytes("POST", messages(channelId), member.token(), json("{\"content\":\"caf", bad, "\"}")),
                    400, "invalid_encoding");
            assertError(api.callBytes("PATCH", V1 + "/users/me", member.token(), json("{\"display_name\":\"x", bad, "\"}")),
                    400, "invalid_encoding");
        }
        assertThat(history(api, member, channelId, "").path("messages").size()).isZero();
        assertThat(ok(api.get(V1 + "/users/me", member.token()), 200).path("display_name").asText()).isEqualTo(member.username());
        // multi-byte characters that are valid are of course fine
        JsonNode stored = ok(api.callBytes("POST", messages(channelId), member.token(),
                "{\"content\":\"café ✓ 𝄞\"}".getBytes(StandardCharsets.UTF_8)), 201);
        assertThat(stored.path("content").asText()).isEqualTo("café ✓ 𝄞");
    }

    @Test
    void aTooLongRequestLineIsAnsweredWithTheErrorShape() {
        Answer a = RawHttp.request(NODE.baseUrl(), "GET", V1 + "/users/search?q=" + "a".repeat(20_000), null,
                "Authorization: Bearer " + member.token());
        assertContractError(a, 414, "uri_too_long", "a 20 kB request line");
    }

    @Test
    void tooLargeHeadersAreAnsweredWithTheErrorShape() {
        Answer a = RawHttp.request(NODE.baseUrl(), "GET", V1 + "/users/me", null,
                "Authorization: Bearer " + member.token(), "X-Filler: " + "b".repeat(20_000));
        assertContractError(a, 431, "headers_too_large", "a 20 kB header");
    }

    @Test
    void aNulInAHeaderIsAnsweredWithTheErrorShape() {
        Answer a = RawHttp.request(NODE.baseUrl(), "GET", V1 + "/users/me", null,
                "Authorization: Bearer " + member.token(), "X-Evil: a\u0000b");
        assertContractError(a, 400, "invalid_request", "a NUL in a header");
    }

    @Test
    void aGatewayUpgradeWithoutItsKeyIsAnsweredWithTheErrorShape() {
        List<List<String>> broken = List.of(
                List.of("Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13"),
                List.of("Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: ", "Sec-WebSocket-Version: 13"),
                List.of("Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                        "Sec-WebSocket-Version: 8"),
                List.of("Upgrade: websocket", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"),
                List.of());
        for (List<String> headers : broken) {
            Answer a = RawHttp.request(NODE.baseUrl(), "GET", "/gateway", null, headers.toArray(String[]::new));
            assertContractError(a, 400, "invalid_request", "upgrade with " + headers);
        }
    }

    private static byte[] json(String before, byte[] bad, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void assertContractError(Answer a, int status, String code, String what) {
        assertThat(a.status()).as("status for %s: %s", what, a.body()).isEqualTo(status);
        assertThat(a.header("content-type")).as("content type for %s", what).startsWith("application/json");
        JsonNode error = a.json().path("error");
        assertThat(error.path("code").asText()).as("code for %s: %s", what, a.body()).isEqualTo(code);
        assertThat(error.path("message").asText()).as("message for %s", what).isNotBlank();
    }
}
