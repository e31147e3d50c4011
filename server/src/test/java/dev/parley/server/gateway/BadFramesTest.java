package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of bad frame gets its answer (an ERROR, or a close with the right code), and a bystander in the
 * same channel stays connected and keeps receiving throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadFramesTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "1000").with("rate.limit.send.per.second", "1000");

    private static Api api;
    private static Api.Account alice;
    private static Api.Account bob;
    private static String channel;
    private static Ws bystander;

    @BeforeAll
    static void bystanderConnects() {
        api = NODE.api();
        alice = api.register("alice");
        bob = api.register("bob");
        channel = api.channel(alice, "general", "private");
        api.addMember(alice, channel, bob);
        bystander = Ws.connect(NODE.baseUrl(), bob.token());
    }

    @AfterAll
    static void bystanderLeaves() {
        if (bystander != null) {
            bystander.close();
        }
    }

    @Test
    @Order(1)
    void framesThatAreNotJsonCloseTheSocketWith4002() {
        for (String text : List.of("hello", "{\"op\":", "{op: HEARTBEAT}")) {
            Ws ws = Ws.connect(NODE.baseUrl(), alice.token());
            ws.sendText(text);
            assertThat(ws.awaitClose()).as("close code for %s", text).isEqualTo(4002);
        }
        Ws before = Ws.open(NODE.baseUrl());
        before.sendText("not json before identify");
        assertThat(before.awaitClose()).isEqualTo(4002);
    }

    @Test
    @Order(2)
    void binaryFramesCloseTheSocketWith4002() {
        Ws ws = Ws.connect(NODE.baseUrl(), alice.token());
        ws.sendBinary("{\"op\":\"HEARTBEAT\",\"d\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(ws.awaitClose()).isEqualTo(4002);
    }

    @Test
    @Order(3)
    void jsonThatIsNotAFrameIsAnsweredWithErrorsAndTheSocketStays() {
        try (Ws ws = Ws.connect(NODE.baseUrl(), alice.token())) {
            for (String text : List.of("[1,2,3]", "42", "\"HEARTBEAT\"", "null", "{}", "{\"d\":{}}", "{\"op\":5,\"d\":{}}",
                    "{\"op\":null}", "{\"op\":[\"SEND\"]}", "{\"op\":\"HEARTBEAT\",\"d\":[1]}", "{\"op\":\"HEARTBEAT\",\"d\":\"x\"}",
                    "{\"op\":\"SEND\",\"d\":7}")) {
                ws.sendText(text);
                assertThat(errorCode(ws.next("ERROR"))).as("answer to %s", text).isEqualTo("invalid_request");
            }
            ws.sendText("{\"op\":\"DANCE\",\"d\":{}}");
            assertThat(errorCode(ws.next("ERROR"))).isEqualTo("unknown_op");
            ws.sendText("{\"op\":\"heartbeat\",\"d\":{}}");
            assertThat(errorCode(ws.next("ERROR"))).as("ops are case-sensitive").isEqualTo("unknown_op");
            // d may be left out
            ws.sendText("{\"op\":\"HEARTBEAT\"}");
            ws.next("HEARTBEAT_ACK");
            stillWorks(ws);
        }
    }

    @Test
    @Order(4)
    void badSendsAreRefusedWithTheirNonceAndStoreNothing() {
        Api.Account eve = api.register("eve");
        String elsewhere = api.channel(eve, "elsewhere", "private");
        long before = Gw.lastSeq(api, alice, channel);
        try (Ws ws = Ws.connect(NODE.baseUrl(), alice.token())) {
            ws.send("SEND", Api.obj("conversation_id", channel, "content", "no nonce"));
            JsonNode noNonce = ws.next("ERROR");
            assertThat(errorCode(noNonce)).isEqualTo("invalid_request");

            assertThat(refusal(ws, Api.obj("conversation_id", channel, "content", 5, "nonce", "n-type"))).isEqualTo("invalid_request");
            assertThat(refusal(ws, Api.obj("conversation_id", true, "content", "x", "nonce", "n-id"))).isEqualTo("invalid_request");
            assertThat(refusal(ws, Api.obj("conversation_id", "12ab", "content", "x", "nonce", "n-id2"))).isEqualTo("invalid_request");
            assertThat(refusal(ws, Api.obj("content", "x", "nonce", "n-missing"))).isEqualTo("invalid_request");
            assertThat(refusal(ws, Api.obj("conversation_id", channel, "nonce", "n-nocontent"))).isEqualTo("invalid_request");
            assertThat(refusal(ws, Api.obj("conversation_id", channel, "content", "", "nonce", "n-empty"))).isEqualTo("content_empty");
            assertThat(refusal(ws, Api.obj("conversation_id", channel, "content", "   \n ", "nonce", "n-blank"))).isEqualTo("content_empty");
            assertThat(refusal(ws, Api.obj("conversation_id", channel, "content", "y".repeat(10_001), "nonce", "n-long")))
                    .isEqualTo("content_too_long");
            assertThat(refusal(ws, Api.obj("conversation_id", elsewhere, "content", "hi", "nonce", "n-stranger"))).isEqualTo("not_found");
            assertThat(refusal(ws, Api.obj("conversation_id", "999999999", "content", "hi", "nonce", "n-nowhere"))).isEqualTo("not_found");
            assertThat(refusal(ws, Api.obj("conversation_id", channel, "content", "hi", "nonce", "n-reply", "reply_to", "12345")))
                    .isEqualTo("invalid_reply_to");
            // exactly 10,000 characters is fine
            String nonce = Gw.nonce();
            ws.send("SEND", Gw.sendFrame(channel, "z".repeat(10_000), nonce));
            JsonNode ack = Gw.ack(ws, nonce, new java.util.ArrayList<>());
            assertThat(ack.path("d").path("message").path("seq").asLong()).as("nothing refused took a seq").isEqualTo(before + 1);
            stillWorks(ws);
        }
    }

    @Test
    @Order(5)
    void identifyingTwiceIsAnError() {
        try (Ws ws = Ws.connect(NODE.baseUrl(), alice.token())) {
            ws.send("IDENTIFY", Api.obj("token", alice.token()));
            assertThat(errorCode(ws.next("ERROR"))).isEqualTo("invalid_request");
            stillWorks(ws);
        }
    }

    @Test
    @Order(6)
    void opsBeforeIdentifyAreUnauthorizedButHeartbeatIsAnswered() {
        try (Ws ws = Ws.open(NODE.baseUrl())) {
            ws.send("HEARTBEAT", Api.obj());
            ws.next("HEARTBEAT_ACK");
            for (String op : List.of("SEND", "TYPING", "READ", "SET_STATUS", "SUBSCRIBE_PRESENCE")) {
                ws.send(op, Gw.sendFrame(channel, "sneaky", "n-" + op));
                assertThat(errorCode(ws.next("ERROR"))).as("answer to %s", op).isEqualTo("unauthorized");
            }
            ws.send("IDENTIFY", Api.obj());
            assertThat(errorCode(ws.next("ERROR"))).as("IDENTIFY without a token").isEqualTo("invalid_request");
            // it may still identify properly afterwards
            List<JsonNode> handshake = Gw.identify(ws, alice.token(), null);
            assertThat(handshake.get(0).path("op").asText()).isEqualTo("READY");
            stillWorks(ws);
        }
    }

    @Test
    @Order(7)
    void anOversizedFrameIsPayloadTooLargeAndTheSocketStays() {
        try (Ws ws = Ws.connect(NODE.baseUrl(), alice.token())) {
            String huge = "{\"op\":\"SEND\",\"d\":{\"conversation_id\":\"" + channel + "\",\"nonce\":\"big\",\"content\":\""
                    + "a".repeat(70_000) + "\"}}";
            ws.sendText(huge);
            assertThat(errorCode(ws.next("ERROR"))).isEqualTo("payload_too_large");
            // multi-byte characters count as bytes: 30,000 three-byte characters are 90,000 bytes
            ws.sendText("{\"op\":\"HEARTBEAT\",\"d\":{\"pad\":\"" + "€".repeat(30_000) + "\"}}");
            assertThat(errorCode(ws.next("ERROR"))).isEqualTo("payload_too_large");
            stillWorks(ws);
        }
    }

    @Test
    @Order(8)
    void aBadTokenClosesWith4001() {
        Ws ws = Ws.open(NODE.baseUrl());
        ws.send("IDENTIFY", Api.obj("token", "not-a-real-token"));
        assertThat(ws.awaitClose()).isEqualTo(4001);
    }

    @Test
    @Order(9)
    void aFrameFloodClosesWith4008() {
        Ws ws = Ws.connect(NODE.baseUrl(), alice.token());
        AtomicReference<RuntimeException> sendFailed = new AtomicReference<>();
        for (int i = 0; i < 400 && !ws.isClosed(); i++) {
            try {
                ws.send("HEARTBEAT", Api.obj());
            } catch (RuntimeException closed) {
                sendFailed.set(closed);
                break;
            }
        }
        assertThat(ws.awaitClose()).isEqualTo(4008);
        long acks = ws.drainAll().stream().filter(Gw.op("HEARTBEAT_ACK")).count();
        assertThat(acks).as("frames answered before the cut").isLessThan(400L);
    }

    @Test
    @Order(10)
    void theBystanderWasNeverDisturbed() {
        String id = Gw.post(api, alice, channel, "are you still there, bob?").path("id").asText();
        List<JsonNode> frames = Gw.until(bystander, Gw.messageCreate(id), "the fresh message");
        assertThat(bystander.isClosed()).isFalse();
        assertThat(frames).noneMatch(Gw.op("ERROR"));
        List<JsonNode> all = bystander.drainAll();
        assertThat(all).noneMatch(Gw.op("ERROR"));
        // it saw the one good message of the bad-send test too
        assertThat(all.stream().filter(Gw.op("MESSAGE_CREATE")).count()).isGreaterThanOrEqualTo(2);
    }

    private static String errorCode(JsonNode error) {
        return error.path("d").path("error").path("code").asText();
    }

    /** Sends a SEND and returns the code of the ERROR that answers it (matched by nonce). */
    private static String refusal(Ws ws, com.fasterxml.jackson.databind.node.ObjectNode d) {
        String nonce = d.path("nonce").asText();
        ws.send("SEND", d);
        JsonNode answer = ws.next(f -> ("ERROR".equals(f.path("op").asText()) || "SEND_ACK".equals(f.path("op").asText()))
                && nonce.equals(f.path("d").path("nonce").asText()), "the answer to " + nonce);
        assertThat(answer.path("op").asText()).as("answer to %s", nonce).isEqualTo("ERROR");
        assertThat(answer.path("d").path("error").path("message").asText()).isNotBlank();
        return errorCode(answer);
    }

    /** The socket is still usable: a heartbeat is answered. */
    private static void stillWorks(Ws ws) {
        ws.send("HEARTBEAT", Api.obj());
        ws.next("HEARTBEAT_ACK");
        assertThat(ws.isClosed()).isFalse();
    }
}
