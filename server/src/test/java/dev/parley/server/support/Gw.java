package dev.parley.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Callable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Small helpers shared by the gateway and cluster tests. */
public final class Gw {
    private Gw() {
    }

    /** A second (third, ...) device of an account: a new login, so a new session and token. */
    public static Api.Account login(Api api, Api.Account a, String device) {
        Api.Reply r = api.post("/api/v1/auth/login", null, Api.obj("username", a.username(), "password", "correct horse",
                "device_name", device));
        assertThat(r.status()).as("login %s", r.raw().body()).isEqualTo(200);
        JsonNode j = r.json();
        return new Api.Account(a.id(), a.username(), j.path("token").asText(), j.path("session_id").asText());
    }

    public static String nonce() {
        return UUID.randomUUID().toString();
    }

    public static ObjectNode sendFrame(String conversationId, String content, String nonce) {
        return Api.obj("conversation_id", conversationId, "content", content, "nonce", nonce);
    }

    /** Posts over REST and returns the stored message. */
    public static JsonNode post(Api api, Api.Account author, String conversationId, String content) {
        Api.Reply r = api.send(author, conversationId, content);
        assertThat(r.status()).as("send %s", r.raw().body()).isEqualTo(201);
        return r.json();
    }

    public static ObjectNode cursors(Map<String, Long> bySeq) {
        ObjectNode n = Api.JSON.createObjectNode();
        bySeq.forEach(n::put);
        return n;
    }

    /** Frames from the socket, in order, up to and including the first that matches {@code marker}. */
    public static List<JsonNode> until(Ws ws, Predicate<JsonNode> marker, String what) {
        List<JsonNode> got = new ArrayList<>();
        while (true) {
            JsonNode f = ws.next(x -> true, what);
            got.add(f);
            if (marker.test(f)) {
                return got;
            }
        }
    }

    public static Predicate<JsonNode> op(String op) {
        return f -> op.equals(f.path("op").asText());
    }

    public static Predicate<JsonNode> messageCreate(String messageId) {
        return f -> "MESSAGE_CREATE".equals(f.path("op").asText())
                && messageId.equals(f.path("d").path("message").path("id").asText());
    }

    public static Predicate<JsonNode> createdWithContent(String content) {
        return f -> "MESSAGE_CREATE".equals(f.path("op").asText())
                && content.equals(f.path("d").path("message").path("content").asText());
    }

    public static Predicate<JsonNode> presence(String userId, String status) {
        return f -> "PRESENCE_UPDATE".equals(f.path("op").asText()) && userId.equals(f.path("d").path("user_id").asText())
                && (status == null || status.equals(f.path("d").path("status").asText()));
    }

    /** Log events (frames with a seq) of one conversation. */
    public static List<JsonNode> logOf(List<JsonNode> frames, String conversationId) {
        return frames.stream().filter(f -> f.has("seq") && conversationId.equals(f.path("conversation_id").asText())).toList();
    }

    public static List<Long> seqs(List<JsonNode> frames) {
        return frames.stream().map(f -> f.path("seq").asLong()).toList();
    }

    public static List<Long> range(long fromInclusive, long toInclusive) {
        List<Long> r = new ArrayList<>();
        for (long s = fromInclusive; s <= toInclusive; s++) {
            r.add(s);
        }
        return r;
    }

    public static long lastSeq(Api api, Api.Account viewer, String conversationId) {
        Api.Reply r = api.get("/api/v1/conversations/" + conversationId, viewer.token());
        assertThat(r.status()).as("get conversation %s", r.raw().body()).isEqualTo(200);
        return r.json().path("last_seq").asLong();
    }

    /** Identifies an open socket and returns the frames up to and including CATCHUP_DONE (READY first). */
    public static List<JsonNode> identify(Ws ws, String token, ObjectNode cursors) {
        ObjectNode d = Api.obj("token", token);
        if (cursors != null) {
            d.set("cursors", cursors);
        }
        ws.send("IDENTIFY", d);
        return until(ws, op("CATCHUP_DONE"), "CATCHUP_DONE");
    }

    /** A conversation as READY listed it. */
    public static JsonNode inReady(List<JsonNode> handshake, String conversationId) {
        JsonNode ready = handshake.stream().filter(op("READY")).findFirst().orElseThrow();
        for (JsonNode c : ready.path("d").path("conversations")) {
            if (conversationId.equals(c.path("id").asText())) {
                return c;
            }
        }
        return null;
    }

    public static String metrics(TestNode node) {
        Api.Reply r = node.api().get("/metrics", null);
        assertThat(r.status()).isEqualTo(200);
        return r.raw().body();
    }

    /** The value of a metric line without labels (or the sum over its labelled series); 0 when absent. */
    public static double metric(String scrape, String name) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Sends HEARTBEAT every {@code everyMs} on the socket until closed; the only thread that sends on it meanwhile. */
    public static AutoCloseable keepAlive(Ws ws, long everyMs) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            if (!ws.isClosed()) {
                try {
                    ws.send("HEARTBEAT", Api.obj());
                } catch (RuntimeException closedMeanwhile) {
                    // the socket went away; the test will say whether it should have
                }
            }
        }, 0, everyMs, TimeUnit.MILLISECONDS);
        return () -> {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        };
    }

    /**
     * Waits for the answers to all these nonces, in whatever order they come (frames skipped meanwhile stay in the
     * socket's {@code seen}); fails on an ERROR for one of them. Returns the acks by nonce.
     */
    public static Map<String, JsonNode> acks(Ws ws, List<String> nonces) {
        Map<String, JsonNode> acks = new java.util.HashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>(nonces);
        while (acks.size() < wanted.size()) {
            JsonNode f = ws.next(x -> ("SEND_ACK".equals(x.path("op").asText()) || "ERROR".equals(x.path("op").asText()))
                    && wanted.contains(x.path("d").path("nonce").asText()), "answers to " + (wanted.size() - acks.size()) + " SENDs");
            assertThat(f.path("op").asText()).as("answer to SEND %s", f).isEqualTo("SEND_ACK");
            acks.put(f.path("d").path("nonce").asText(), f);
        }
        return acks;
    }

    /** Waits for the SEND_ACK of {@code nonce}, keeping every frame read meanwhile (and the ack) in {@code into}. */
    public static JsonNode ack(Ws ws, String nonce, List<JsonNode> into) {
        Predicate<JsonNode> ack = f -> "SEND_ACK".equals(f.path("op").asText()) && nonce.equals(f.path("d").path("nonce").asText());
        List<JsonNode> frames = until(ws, f -> ack.test(f) || ("ERROR".equals(f.path("op").asText())
                && nonce.equals(f.path("d").path("nonce").asText())), "SEND_ACK " + nonce);
        into.addAll(frames);
        JsonNode last = frames.get(frames.size() - 1);
        assertThat(last.path("op").asText()).as("answer to SEND %s", last).isEqualTo("SEND_ACK");
        return last;
    }

    /** Runs {@code n} tasks at once (all released together) and returns their results in task order. */
    public static <T> List<T> concurrently(int n, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> c = () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return task.apply(index);
                };
                futures.add(pool.submit(c));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
