package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.RawWs;
import dev.parley.server.support.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a socket may send is bounded by what it costs the node, not by what arrives on the wire: no compression is
 * negotiated (a compressed frame is refused unread), an unidentified socket may send only small messages, and a
 * message over the hard limit, in one frame or in fragments, closes the socket with 1009 instead of vanishing.
 */
class OversizeFramesTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int HARD_LIMIT = 1 << 20;
    private static final int MIB = 1 << 20;

    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private static Api.Account alice;
    private static String channel;

    @BeforeAll
    static void accounts() {
        Api api = NODE.api();
        alice = api.register("alice");
        channel = api.channel(alice, "big", "private");
    }

    @Test
    void compressedBombBeforeIdentifyIsClosedWithoutInflating() {
        // {op:'HEARTBEAT',d:{pad:'x'.repeat(450 MiB)}}, deflated as permessage-deflate would: about 450 KB on the wire
        byte[] bomb = deflate("{\"op\":\"HEARTBEAT\",\"d\":{\"pad\":\"", 'x', 450L * MIB, "\"}}");
        assertThat(bomb.length).isLessThan(MIB);
        try (RawWs ws = RawWs.connect(NODE.baseUrl(), 64 * 1024, "Sec-WebSocket-Extensions: permessage-deflate")) {
            ws.nextText();
            RawWs.Ending[] ending = new RawWs.Ending[1];
            long growth = oldGenerationPeakGrowth(() -> {
                sendIgnoringAClose(ws, 0xC1, bomb); // FIN, RSV1 (compressed), text
                sendIgnoringAClose(ws, 0x81, "{\"op\":\"HEARTBEAT\",\"d\":{}}".getBytes(StandardCharsets.UTF_8));
                try {
                    ending[0] = ws.readUntilCloseOr("HEARTBEAT_ACK", WAIT);
                } catch (AssertionError stalled) {
                    ending[0] = null;
                }
            });

            assertThat(growth).as("heap the node grew by while it handled the frame").isLessThan(32L * MIB);
            assertThat(ending[0]).as("the node answered within %s", WAIT).isNotNull();
            assertThat(ending[0].closeCode()).as("close code (0: the node answered the heartbeat)").isEqualTo(1002);
            assertThat(ws.handshake().toLowerCase()).as("no compression was negotiated").doesNotContain("permessage-deflate");
        }
        assertThat(NODE.api().get("/health/live", null).status()).isEqualTo(200);
    }

    @Test
    void aLargeMessageBeforeIdentifyIsClosedWith1009() {
        try (RawWs ws = RawWs.connect(NODE.baseUrl(), 64 * 1024)) {
            ws.nextText();
            sendIgnoringAClose(ws, 0x81, heartbeatOf(100_000));
            sendIgnoringAClose(ws, 0x81, "{\"op\":\"HEARTBEAT\",\"d\":{}}".getBytes(StandardCharsets.UTF_8));
            assertThat(ws.readUntilCloseOr("HEARTBEAT_ACK", WAIT).closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void aSmallIdentifyIsStillFine() {
        try (RawWs ws = RawWs.identify(NODE.baseUrl(), alice.token(), 64 * 1024)) {
            ws.sendText("{\"op\":\"HEARTBEAT\",\"d\":{}}");
            assertThat(ws.nextText().path("op").asText()).isEqualTo("HEARTBEAT_ACK");
        }
    }

    @Test
    void aFrameOverTheHardLimitClosesWith1009() {
        try (RawWs ws = RawWs.identify(NODE.baseUrl(), alice.token(), 64 * 1024)) {
            sendIgnoringAClose(ws, 0x81, heartbeatOf(2 * MIB));
            sendIgnoringAClose(ws, 0x81, "{\"op\":\"HEARTBEAT\",\"d\":{}}".getBytes(StandardCharsets.UTF_8));
            assertThat(ws.readUntilCloseOr("HEARTBEAT_ACK", WAIT).closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void aMessageOverTheHardLimitSentInFragmentsClosesWith1009() {
        long lastSeq = Gw.lastSeq(NODE.api(), alice, channel);
        byte[] send = ("{\"op\":\"SEND\",\"d\":{\"conversation_id\":\"" + channel + "\",\"nonce\":\"fragmented\",\"content\":\""
                + "y".repeat(2 * MIB) + "\"}}").getBytes(StandardCharsets.UTF_8);
        try (RawWs ws = RawWs.identify(NODE.baseUrl(), alice.token(), 64 * 1024)) {
            sendInFragments(ws, send, 64 * 1024);
            sendIgnoringAClose(ws, 0x81, "{\"op\":\"HEARTBEAT\",\"d\":{}}".getBytes(StandardCharsets.UTF_8));
            RawWs.Ending ending = ws.readUntilCloseOr("HEARTBEAT_ACK", WAIT);
            assertThat(ending.closeCode()).as("close code (0: dropped silently, the heartbeat was answered)").isEqualTo(1009);
        }
        assertThat(Gw.lastSeq(NODE.api(), alice, channel)).as("nothing was stored").isEqualTo(lastSeq);
    }

    @Test
    void aMessageBetweenTheFrameLimitAndTheHardLimitInFragmentsIsPayloadTooLargeAndTheSocketStays() {
        try (RawWs ws = RawWs.identify(NODE.baseUrl(), alice.token(), 64 * 1024)) {
            sendInFragments(ws, heartbeatOf(200_000), 16 * 1024);
            JsonNode error = json(ws.readUntilCloseOr("ERROR", WAIT));
            assertThat(error.path("d").path("error").path("code").asText()).isEqualTo("payload_too_large");
            ws.sendText("{\"op\":\"HEARTBEAT\",\"d\":{}}");
            assertThat(ws.readUntilCloseOr("HEARTBEAT_ACK", WAIT).closeCode()).isZero();
        }
    }

    @Test
    void aSendInFragmentsWithinTheLimitIsAcknowledged() {
        byte[] send = ("{\"op\":\"SEND\",\"d\":{\"conversation_id\":\"" + channel + "\",\"nonce\":\"in-pieces\",\"content\":\""
                + "piece ".repeat(1_000) + "\"}}").getBytes(StandardCharsets.UTF_8);
        try (RawWs ws = RawWs.identify(NODE.baseUrl(), alice.token(), 64 * 1024)) {
            sendInFragments(ws, send, 1_000);
            JsonNode ack = json(ws.readUntilCloseOr("SEND_ACK", WAIT));
            assertThat(ack.path("d").path("nonce").asText()).isEqualTo("in-pieces");
            assertThat(ack.path("d").path("message").path("content").asText()).isEqualTo("piece ".repeat(1_000));
        }
    }

    /** The last frame a read stopped at, parsed. */
    private static JsonNode json(RawWs.Ending ending) {
        assertThat(ending.closeCode()).as("the socket was not closed: %s", ending.texts()).isZero();
        try {
            return Api.JSON.readTree(ending.texts().get(ending.texts().size() - 1));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] heartbeatOf(int bytes) {
        return ("{\"op\":\"HEARTBEAT\",\"d\":{\"pad\":\"" + "x".repeat(bytes) + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** A text message in fragments of {@code size} bytes: a text frame, then continuations, the last with FIN. */
    private static void sendInFragments(RawWs ws, byte[] message, int size) {
        for (int from = 0; from < message.length; from += size) {
            int to = Math.min(message.length, from + size);
            int opcode = from == 0 ? 0x1 : 0x0;
            sendIgnoringAClose(ws, (to == message.length ? 0x80 : 0) | opcode, Arrays.copyOfRange(message, from, to));
        }
    }

    /** The node may close while a frame is still being written; what it said is read afterwards. */
    private static void sendIgnoringAClose(RawWs ws, int firstByte, byte[] payload) {
        try {
            ws.sendFrame(firstByte, payload);
        } catch (UncheckedIOException closedMeanwhile) {
            // read on: the close frame, if any, is in the socket
        }
    }

    /** {@code before + fill x count + after}, raw-deflated and flushed as permessage-deflate sends it (without the 4-byte tail). */
    private static byte[] deflate(String before, char fill, long count, String after) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        byte[] chunk = new byte[MIB];
        Arrays.fill(chunk, (byte) fill);
        deflater.setInput(before.getBytes(StandardCharsets.UTF_8));
        drain(deflater, buffer, out, Deflater.NO_FLUSH);
        for (long left = count; left > 0; left -= chunk.length) {
            deflater.setInput(chunk, 0, (int) Math.min(chunk.length, left));
            drain(deflater, buffer, out, Deflater.NO_FLUSH);
        }
        deflater.setInput(after.getBytes(StandardCharsets.UTF_8));
        drain(deflater, buffer, out, Deflater.SYNC_FLUSH);
        deflater.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }

    private static void drain(Deflater deflater, byte[] buffer, ByteArrayOutputStream out, int flush) {
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
    }

    /**
     * How far the old generation's peak rose above its use (after a full collection) while {@code work} ran. Large
     * buffers and arrays go straight to the old generation, so a node inflating a bomb shows here; the young
     * generation, which fills and empties all the time, is left out.
     */
    private static long oldGenerationPeakGrowth(Runnable work) {
        List<MemoryPoolMXBean> old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported())
                .toList();
        assertThat(old).as("old-generation pools of this JVM").isNotEmpty();
        System.gc();
        long before = old.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        old.forEach(MemoryPoolMXBean::resetPeakUsage);
        work.run();
        long peak = old.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return peak - before;
    }
}
