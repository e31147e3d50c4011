package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.support.Api;
import dev.parley.server.support.RawWs;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Frames the contract calls malformed close the socket with a documented code instead of being read charitably:
 * JSON with more text after it, bytes that are not UTF-8 and blank text close with 4002; frames that break the
 * WebSocket protocol itself (unmasked, reserved opcodes or bits, oversized control frames) close with 1002. A
 * bystander in the channel stays connected, and nothing is stored.
 */
class MalformedFramesTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String HEARTBEAT = "{\"op\":\"HEARTBEAT\",\"d\":{}}";

    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private static Api api;
    private static Api.Account alice;
    private static String channel;
    private static Ws bystander;

    @BeforeAll
    static void setUp() {
        api = NODE.api();
        alice = api.register("alice");
        Api.Account bob = api.register("bob");
        channel = api.channel(alice, "general", "private");
        api.addMember(alice, channel, bob);
        bystander = Ws.connect(NODE.baseUrl(), bob.token());
    }

    @AfterAll
    static void tearDown() {
        bystander.close();
    }

    @Test
    void jsonFollowedByMoreTextClosesWith4002() {
        for (String tail : List.of("}", "x", "//c", " {}", ",", "\u0000")) {
            assertThat(closeCodeAfter(HEARTBEAT + tail, true)).as("close code for a heartbeat followed by %s", tail).isEqualTo(4002);
        }
        assertThat(closeCodeAfter(HEARTBEAT + "}", false)).as("before IDENTIFY too").isEqualTo(4002);
        // whitespace after the JSON is not more text
        assertThat(closeCodeAfter(HEARTBEAT + " \n", true)).isZero();
    }

    @Test
    void emptyOrBlankTextFramesCloseWith4002() {
        for (String blank : List.of("", " ", "\n\t ")) {
            assertThat(closeCodeAfter(blank, true)).as("close code for %s", blank.replace("\n", "\\n")).isEqualTo(4002);
        }
        assertThat(closeCodeAfter("", false)).as("before IDENTIFY too").isEqualTo(4002);
    }

    @Test
    void invalidUtf8InAFrameClosesWith4002AndStoresNothing() {
        long before = Gw.lastSeq(api, alice, channel);
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF})) {
            ByteArrayOutputStream send = new ByteArrayOutputStream();
            send.writeBytes(("{\"op\":\"SEND\",\"d\":{\"conversation_id\":\"" + channel + "\",\"nonce\":\"n\",\"content\":\"caf")
                    .getBytes(StandardCharsets.UTF_8));
            send.writeBytes(bad);
            send.writeBytes("\"}}".getBytes(StandardCharsets.UTF_8));
            try (RawWs ws = RawWs.identify(NODE.baseUrl(), alice.token(), 64 * 1024)) {
                ws.sendFrame(0x81, send.toByteArray());
                ws.sendText(HEARTBEAT);
                assertThat(ws.readUntilCloseOr("HEARTBEAT_ACK", WAIT).closeCode()).isEqualTo(4002);
            }
        }
        assertThat(Gw.lastSeq(api, alice, channel)).as("nothing was stored").isEqualTo(before);
    }

    @Test
    void framesThatBreakTheWebSocketProtocolCloseWith1002() {
        byte[] heartbeat = HEARTBEAT.getBytes(StandardCharsets.UTF_8);
        record Broken(String what, int firstByte, boolean masked, byte[] payload) {
        }
        for (Broken b : List.of(new Broken("unmasked", 0x81, false, heartbeat),
                new Broken("reserved bit 2", 0xA1, true, heartbeat),
                new Broken("reserved opcode 3", 0x83, true, heartbeat),
                new Broken("reserved control opcode 11", 0x8B, true, new byte[0]),
                new Broken("a ping of 200 bytes", 0x89, true, new byte[200]),
                new Broken("a fragmented ping", 0x09, true, new byte[1]),
                new Broken("a continuation without a start", 0x80, true, heartbeat))) {
            try (RawWs ws = RawWs.identify(NODE.baseUrl(), alice.token(), 64 * 1024)) {
                ws.sendFrame(b.firstByte(), b.masked(), b.payload());
                ws.sendText(HEARTBEAT);
                assertThat(ws.readUntilCloseOr("HEARTBEAT_ACK", WAIT).closeCode()).as(b.what()).isEqualTo(1002);
            }
        }
    }

    @Test
    void binaryFramesBeforeIdentifyCloseWith4002() {
        try (RawWs ws = RawWs.connect(NODE.baseUrl(), 64 * 1024)) {
            ws.nextText();
            ws.sendFrame(0x82, HEARTBEAT.getBytes(StandardCharsets.UTF_8));
            assertThat(ws.readUntilCloseOr("HEARTBEAT_ACK", WAIT).closeCode()).isEqualTo(4002);
        }
    }

    @Test
    void theBystanderStaysConnectedAndStillReceives() {
        String id = Gw.post(api, alice, channel, "still there?").path("id").asText();
        Gw.until(bystander, Gw.messageCreate(id), "the fresh message");
        assertThat(bystander.isClosed()).isFalse();
    }

    /** Sends {@code text} (after IDENTIFY if asked), then a heartbeat: the close code, or 0 if the heartbeat was answered. */
    private static int closeCodeAfter(String text, boolean identified) {
        try (RawWs ws = identified ? RawWs.identify(NODE.baseUrl(), alice.token(), 64 * 1024) : RawWs.connect(NODE.baseUrl(), 64 * 1024)) {
            if (!identified) {
                ws.nextText();
            }
            ws.sendText(text);
            try {
                ws.sendText(HEARTBEAT);
            } catch (UncheckedIOException closedMeanwhile) {
                // the close is in the socket
            }
            return ws.readUntilCloseOr("HEARTBEAT_ACK", WAIT).closeCode();
        }
    }
}
