package dev.parley.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand on a plain socket, for requests no well-behaved client would send: malformed percent-encoding,
 * huge request lines and headers, control characters in headers, broken WebSocket upgrades. One request per
 * connection ({@code Connection: close}); the answer is read to its Content-Length or to the end of the stream.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** A parsed answer: status, headers (names lower-case) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return Api.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code method target} with the given extra header lines (each without CRLF) and an optional body. */
    public static Answer request(String baseUrl, String method, String target, String body, String... headerLines) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        URI uri = URI.create(baseUrl);
        head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        for (String h : headerLines) {
            head.append(h).append("\r\n");
        }
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(payload);
        return exchange(baseUrl, bytes.toByteArray());
    }

    /** Writes {@code raw} as it is and reads the answer. */
    public static Answer exchange(String baseUrl, byte[] raw) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(15_000);
            try {
                socket.getOutputStream().write(raw);
                socket.getOutputStream().flush();
            } catch (SocketException refusedMidway) {
                // the server may answer and close before it has read everything (a huge header): read what it said
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int headEnd = -1;
        int contentLength = -1;
        Map<String, String> headers = new LinkedHashMap<>();
        int status = -1;
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketException reset) {
                n = -1;
            }
            if (n < 0) {
                break;
            }
            all.write(buf, 0, n);
            byte[] sofar = all.toByteArray();
            if (headEnd < 0) {
                headEnd = indexOf(sofar, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                if (headEnd >= 0) {
                    String[] lines = new String(sofar, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
                    status = Integer.parseInt(lines[0].split(" ")[1]);
                    for (int i = 1; i < lines.length; i++) {
                        int colon = lines[i].indexOf(':');
                        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                    }
                    if (headers.containsKey("content-length")) {
                        contentLength = Integer.parseInt(headers.get("content-length"));
                    }
                }
            }
            if (headEnd >= 0 && contentLength >= 0 && sofar.length >= headEnd + 4 + contentLength) {
                break;
            }
        }
        byte[] sofar = all.toByteArray();
        if (headEnd < 0) {
            throw new AssertionError("no HTTP answer, only: " + new String(sofar, StandardCharsets.ISO_8859_1));
        }
        int bodyEnd = contentLength >= 0 ? headEnd + 4 + contentLength : sofar.length;
        return new Answer(status, headers, new String(sofar, headEnd + 4, bodyEnd - headEnd - 4, StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
