package dev.parley.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A bare WebSocket client on a plain {@link Socket}, for what java.net.http cannot do: stop reading. Its receive
 * buffer is set small before connecting, it reads nothing until asked, and it parses the server's (unmasked)
 * frames by hand, so a test can see exactly what reached it, down to the close code.
 */
public final class RawWs implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String handshake;
    private final java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);

    /**
     * What a read up to the close found: text frames received, and the close code (-1 if the connection ended
     * without one, 0 if the read stopped at a wanted frame before any close).
     */
    public record Ending(int textFrames, int closeCode, List<String> texts) {
        public Ending(int textFrames, int closeCode) {
            this(textFrames, closeCode, List.of());
        }
    }

    private RawWs(String baseUrl, int receiveBufferBytes, String... extraHeaders) throws IOException {
        URI uri = URI.create(baseUrl);
        socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(15_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] keyBytes = new byte[16];
        RANDOM.nextBytes(keyBytes);
        String request = "GET /gateway HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(keyBytes) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + String.join("", java.util.Arrays.stream(extraHeaders).map(h -> h + "\r\n").toList())
                + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        handshake = head;
    }

    /** Connects and upgrades (with these extra header lines, if any); nothing more is read. */
    public static RawWs connect(String baseUrl, int receiveBufferBytes, String... extraHeaders) {
        try {
            return new RawWs(baseUrl, receiveBufferBytes, extraHeaders);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects, reads HELLO, identifies and reads up to CATCHUP_DONE; from then on reads nothing until asked. */
    public static RawWs identify(String baseUrl, String token, int receiveBufferBytes) {
        RawWs ws = connect(baseUrl, receiveBufferBytes);
        ws.nextText();
        ws.sendText("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token + "\"}}");
        while (!"CATCHUP_DONE".equals(ws.nextText().path("op").asText())) {
            // READY and replay
        }
        return ws;
    }

    /** The server's answer to the upgrade (status line and headers). */
    public String handshake() {
        return handshake;
    }

    /** Sends one masked text frame, as a client must. */
    public void sendText(String text) {
        sendFrame(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends one masked frame whose first byte (FIN, RSV1-3, opcode) is {@code firstByte}, carrying {@code payload} as
     * it is: fragments, reserved bits, binary or invalid UTF-8 included.
     */
    public void sendFrame(int firstByte, byte[] payload) {
        sendFrame(firstByte, true, payload);
    }

    /** Like {@link #sendFrame(int, byte[])}, unmasked if {@code masked} is false (which a client must never do). */
    public synchronized void sendFrame(int firstByte, boolean masked, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        int maskBit = masked ? 0x80 : 0;
        frame.write(firstByte);
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (((long) payload.length >>> shift) & 0xff));
            }
        }
        byte[] mask = new byte[4];
        if (masked) {
            RANDOM.nextBytes(mask);
            frame.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next text message, parsed; fails on a close or the end of the stream. */
    public JsonNode nextText() {
        try {
            while (true) {
                Frame f = readMessage();
                if (f.opcode == 1) {
                    return Api.JSON.readTree(f.payload);
                }
                if (f.opcode == 8) {
                    throw new IllegalStateException("closed by the server with " + closeCode(f.payload));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads everything the server sent, until its close frame or the end of the stream (or a read stalls for
     * {@code timeout}, which fails).
     */
    public Ending readUntilClose(Duration timeout) {
        return readUntilCloseOr(null, timeout);
    }

    /**
     * Like {@link #readUntilClose}, but also stops (with close code 0) after a text frame whose {@code op} is
     * {@code op}: for a test that must see either an answer or a close, whichever the server gives.
     */
    public Ending readUntilCloseOr(String op, Duration timeout) {
        List<String> texts = new ArrayList<>();
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            while (true) {
                Frame f;
                try {
                    f = readMessage();
                } catch (EOFException | java.net.SocketException e) {
                    return new Ending(texts.size(), -1, texts);
                }
                if (f.opcode == 1) {
                    String text = new String(f.payload, StandardCharsets.UTF_8);
                    texts.add(text);
                    if (op != null && op.equals(Api.JSON.readTree(text).path("op").asText())) {
                        return new Ending(texts.size(), 0, texts);
                    }
                } else if (f.opcode == 8) {
                    return new Ending(texts.size(), closeCode(f.payload), texts);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither closed nor sent anything for " + timeout + " (after " + texts + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        inflater.end();
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private record Frame(int opcode, byte[] payload) {
    }

    /**
     * One whole message (continuation frames joined); control frames are returned as they come. A message the server
     * compressed (RSV1, if it negotiated permessage-deflate) is inflated, with the window kept across messages.
     */
    private Frame readMessage() throws IOException {
        ByteArrayOutputStream message = null;
        int messageOpcode = 0;
        boolean compressed = false;
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = null;
            if ((b1 & 0x80) != 0) {
                mask = new byte[4];
                in.readFully(mask);
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
            }
            if (opcode >= 8) {
                return new Frame(opcode, payload);
            }
            if (opcode != 0) {
                messageOpcode = opcode;
                compressed = (b0 & 0x40) != 0;
                message = new ByteArrayOutputStream();
            }
            if (message == null) {
                throw new IOException("continuation frame without a start");
            }
            message.writeBytes(payload);
            if (fin) {
                return new Frame(messageOpcode, compressed ? inflate(message.toByteArray()) : message.toByteArray());
            }
        }
    }

    private byte[] inflate(byte[] deflated) throws IOException {
        inflater.setInput(concat(deflated, new byte[] {0, 0, (byte) 0xff, (byte) 0xff}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = inflater.inflate(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IOException("a compressed message that does not inflate", e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int closeCode(byte[] payload) {
        return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the upgrade: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
