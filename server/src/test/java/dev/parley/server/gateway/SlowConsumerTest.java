package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.RawWs;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reader that stops reading costs only its own connection (4005); a fast reader beside it is not held up. */
class SlowConsumerTest {
    private static final int BATCH = 40;
    private static final int MAX_MESSAGES = 2_000;

    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("gateway.outbound.queue.frames", "64")
            .with("rate.limit.send.burst", "100000")
            .with("rate.limit.send.per.second", "100000");

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private void sendBatch(Api api, Api.Account author, String channel, String content, List<String> nonces,
                           Map<String, Long> sentAtMs) throws Exception {
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String nonce = "m" + nonces.size();
            nonces.add(nonce);
            sends.add(pool.submit(() -> {
                sentAtMs.put(nonce, System.currentTimeMillis());
                Api.Reply r = api.post("/api/v1/conversations/" + channel + "/messages", author.token(),
                        Api.obj("content", content, "nonce", nonce));
                assertThat(r.status()).as("send %s", r.raw().body()).isEqualTo(201);
            }));
        }
        for (Future<?> f : sends) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStalledReaderIsClosedWith4005WhileAFastReaderGetsEverythingPromptly() throws Exception {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account fast = api.register("fast");
        Api.Account slow = api.register("slow");
        String channel = api.channel(alice, "firehose", "private");
        api.addMember(alice, channel, fast);
        api.addMember(alice, channel, slow);
        String big = "x".repeat(8_000);
        double disconnectsBefore = Gw.metric(Gw.metrics(NODE), "parley_gateway_slow_consumer_disconnects_total");

        try (RawWs stalled = RawWs.identify(NODE.baseUrl(), slow.token(), 4_096);
             Ws reader = Ws.connect(NODE.baseUrl(), fast.token());
             Ws authorsSocket = Ws.connect(NODE.baseUrl(), alice.token())) {
            // the fast reader: a thread that takes each frame as it comes and notes when
            Map<String, Long> receivedAtMs = new ConcurrentHashMap<>();
            Semaphore received = new Semaphore(0);
            CompletableFuture<Void> stopReading = new CompletableFuture<>();
            Thread readerThread = new Thread(() -> {
                while (!stopReading.isDone()) {
                    try {
                        JsonNode f = reader.next(Gw.op("MESSAGE_CREATE"), "a message");
                        receivedAtMs.put(f.path("d").path("message").path("nonce").asText(), System.currentTimeMillis());
                        received.release();
                    } catch (AssertionError quietForAWhile) {
                        // keep waiting until told to stop
                    } catch (IllegalStateException interrupted) {
                        return;
                    }
                }
            }, "fast-reader");
            readerThread.start();

            Map<String, Long> sentAtMs = new ConcurrentHashMap<>();
            List<String> nonces = new ArrayList<>();
            double disconnects = disconnectsBefore;
            int batches = 0;
            // send (over REST, from a few threads: a socket may not send big bursts) in batches until the
            // stalled reader has been cut off, then one batch more
            while (disconnects == disconnectsBefore && nonces.size() < MAX_MESSAGES) {
                sendBatch(api, alice, channel, big, nonces, sentAtMs);
                batches++;
                disconnects = Gw.metric(Gw.metrics(NODE), "parley_gateway_slow_consumer_disconnects_total");
            }
            assertThat(disconnects).as("slow consumer disconnects after %d messages", nonces.size()).isEqualTo(disconnectsBefore + 1);
            sendBatch(api, alice, channel, "after the cut", nonces, sentAtMs);
            assertThat(authorsSocket.isClosed()).as("another reader").isFalse();

            // the fast reader gets every message
            received.tryAcquire(nonces.size(), 30, TimeUnit.SECONDS);
            stopReading.complete(null);
            readerThread.interrupt();
            readerThread.join(20_000);
            assertThat(receivedAtMs.keySet()).as("messages at the fast reader").containsExactlyInAnyOrderElementsOf(nonces);
            assertThat(reader.isClosed()).isFalse();

            List<Long> latencies = nonces.stream().map(n -> receivedAtMs.get(n) - sentAtMs.get(n)).sorted().toList();
            long p50 = latencies.get(latencies.size() / 2);
            long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
            System.out.printf("slow consumer cut after %d messages (%d batches); fast reader send-to-receive p50 %d ms, p99 %d ms, max %d ms%n",
                    nonces.size() - BATCH, batches, p50, p99, latencies.get(latencies.size() - 1));
            assertThat(p99).as("p99 send-to-receive at the fast reader (ms)").isLessThan(5_000);

            // the stalled reader, reading at last, finds its connection closed (with 4005 if the close frame got through)
            RawWs.Ending ending = stalled.readUntilClose(Duration.ofSeconds(20));
            System.out.printf("stalled reader read %d text frames, then close code %d at %s%n", ending.textFrames(), ending.closeCode(), Instant.now());
            assertThat(ending.closeCode()).isIn(4005, -1);
            assertThat(ending.textFrames()).as("it got less than everything").isLessThan(nonces.size());
        }
        String scrape = Gw.metrics(NODE);
        assertThat(Gw.metric(scrape, "parley_gateway_slow_consumer_disconnects_total")).isEqualTo(disconnectsBefore + 1);
    }
}
