package dev.parley.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A gateway client over a real WebSocket (java.net.http): every frame received is kept in arrival order;
 * tests wait for the frames they expect, with a timeout, never by sleeping.
 */
public final class Ws implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    public static final Duration WAIT = Duration.ofSeconds(15);

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private Ws(String baseUrl) {
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + "/gateway"), new Listener())
                .join();
    }

    /** Opens a socket and waits for HELLO. */
    public static Ws open(String baseUrl) {
        Ws ws = new Ws(baseUrl);
        ws.next("HELLO");
        return ws;
    }

    /** Opens, identifies with the token and cursors, and waits for CATCHUP_DONE; returns the client with READY seen. */
    public static Ws connect(String baseUrl, String token, ObjectNode cursors) {
        Ws ws = open(baseUrl);
        ObjectNode d = Api.obj("token", token);
        if (cursors != null) {
            d.set("cursors", cursors);
        }
        ws.send("IDENTIFY", d);
        ws.next("CATCHUP_DONE");
        return ws;
    }

    public static Ws connect(String baseUrl, String token) {
        return connect(baseUrl, token, null);
    }

    public void send(String op, ObjectNode d) {
        ObjectNode frame = Api.obj("op", op);
        frame.set("d", d);
        sendText(frame.toString());
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
    }

    /** The next frame with this op, skipping (but keeping in {@link #seen}) any others. */
    public JsonNode next(String op) {
        return next(f -> op.equals(f.path("op").asText()), op);
    }

    public JsonNode next(Predicate<JsonNode> wanted, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode f;
            try {
                f = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (f == null) {
                throw new AssertionError("no " + what + " within " + WAIT + "; frames seen: " + seen);
            }
            synchronized (seen) {
                seen.add(f);
            }
            if (wanted.test(f)) {
                return f;
            }
        }
    }

    /** Every frame received so far (waiting frames are moved to {@link #seen} first). */
    public List<JsonNode> drainAll() {
        List<JsonNode> rest = new ArrayList<>();
        inbox.drainTo(rest);
        synchronized (seen) {
            seen.addAll(rest);
            return List.copyOf(seen);
        }
    }

    /** Frames that arrived and were not consumed yet, without waiting. */
    public List<JsonNode> pending() {
        List<JsonNode> rest = new ArrayList<>();
        inbox.drainTo(rest);
        synchronized (seen) {
            seen.addAll(rest);
        }
        return rest;
    }

    /** The close code the server sent, waiting for it. */
    public int awaitClose() {
        try {
            return closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed within " + WAIT + "; frames seen: " + drainAll(), e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Stops reading: the server's frames pile up in the kernel and then in the server's queue. */
    public WebSocket raw() {
        return socket;
    }

    @Override
    public void close() {
        if (!closeCode.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    inbox.add(Api.JSON.readTree(text.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("server sent a frame that is not JSON: " + text, e);
                } finally {
                    text.setLength(0);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
