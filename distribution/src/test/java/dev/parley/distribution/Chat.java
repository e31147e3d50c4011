package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Gw;
import dev.parley.server.support.Ws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two people chatting with a node, however it was installed, over its REST API and its WebSocket gateway, as any
 * client would: the checks every installation test makes. Within the node's default limits (two sign-ups, seven sends).
 */
final class Chat implements AutoCloseable {
    private final Api.Account alice;
    private final Api.Account bob;
    private final String channel;
    private final List<JsonNode> acknowledged = new ArrayList<>();
    private Ws aliceWs;
    private Ws bobWs;

    private Chat(Api.Account alice, Api.Account bob, String channel) {
        this.alice = alice;
        this.bob = bob;
        this.channel = channel;
    }

    /** Waits for the node to answer ready, then signs two people up, makes a channel and chats both ways. */
    static Chat begin(String baseUrl) {
        awaitReady(baseUrl, Duration.ofSeconds(60));
        Api api = new Api(baseUrl);
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String channel = api.channel(alice, "installed", "private");
        api.addMember(alice, channel, bob);
        Chat chat = new Chat(alice, bob, channel);
        chat.aliceWs = Ws.connect(baseUrl, alice.token());
        chat.bobWs = Ws.connect(baseUrl, bob.token());

        JsonNode overHttp = Gw.post(api, alice, channel, "sent over HTTP");
        chat.acknowledged.add(overHttp);
        chat.bobWs.next(Gw.messageCreate(overHttp.path("id").asText()), "the HTTP message, live");

        String nonce = Gw.nonce();
        chat.aliceWs.send("SEND", Gw.sendFrame(channel, "sent over the WebSocket", nonce));
        JsonNode overWs = Gw.ack(chat.aliceWs, nonce, new ArrayList<>()).path("d").path("message");
        chat.acknowledged.add(overWs);
        chat.bobWs.next(Gw.messageCreate(overWs.path("id").asText()), "the WebSocket message, live");
        return chat;
    }

    /**
     * Sends a few messages, calls {@code stop} (a SIGTERM, however delivered) while they are under way, and checks the
     * drain a client sees: RECONNECT, then close 1001. Sends answered meanwhile count as acknowledged.
     */
    void drainWhileSending(Runnable stop) {
        List<String> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String nonce = Gw.nonce();
            inFlight.add(nonce);
            aliceWs.send("SEND", Gw.sendFrame(channel, "under way at the stop " + i, nonce));
        }
        stop.run();
        for (Ws ws : List.of(aliceWs, bobWs)) {
            assertThat(ws.awaitClose()).as("close code at the drain").isEqualTo(1001);
            List<String> ops = ws.drainAll().stream().map(f -> f.path("op").asText()).toList();
            assertThat(ops).as("frames at the drain").contains("RECONNECT");
        }
        for (JsonNode f : aliceWs.drainAll()) {
            if ("SEND_ACK".equals(f.path("op").asText()) && inFlight.contains(f.path("d").path("nonce").asText())) {
                acknowledged.add(f.path("d").path("message"));
            } else if ("ERROR".equals(f.path("op").asText())) {
                assertThat(f.path("d").path("error").path("code").asText()).as("a send refused at the drain").isEqualTo("unavailable");
            }
        }
        System.out.println("sends acknowledged during the drain: " + (acknowledged.size() - 2) + " of " + inFlight.size());
    }

    /**
     * Posts over REST until the message is stored, for at most {@code limit}: through a balancer while a node stops, a
     * request may meet the draining node (503 {@code unavailable}) or none (502, 503), as a client would, and retries.
     */
    void sendOverHttp(String baseUrl, String content, Duration limit) {
        Api api = new Api(baseUrl);
        List<String> refusals = new ArrayList<>();
        Dist.await(limit, "a send stored through " + baseUrl + " (refused: " + refusals + ")", () -> {
            try {
                Api.Reply r = api.send(alice, channel, content);
                if (r.status() == 201) {
                    acknowledged.add(r.json());
                    return true;
                }
                assertThat(r.status()).as("answer to a send %s", r.raw().body()).isIn(502, 503, 504);
                refusals.add(Integer.toString(r.status()));
            } catch (java.io.UncheckedIOException e) {
                refusals.add(e.getCause().getClass().getSimpleName());
            }
            return false;
        });
    }

    /** Every acknowledged message is in the history a node at {@code baseUrl} serves (after a restart, say). */
    void assertStored(String baseUrl) {
        awaitReady(baseUrl, Duration.ofSeconds(60));
        Api.Reply r = new Api(baseUrl).get("/api/v1/conversations/" + channel + "/messages?limit=100", bob.token());
        assertThat(r.status()).as("history %s", r.raw().body()).isEqualTo(200);
        List<String> stored = new ArrayList<>();
        r.json().path("messages").forEach(m -> stored.add(m.path("id").asText() + " " + m.path("content").asText()));
        for (JsonNode m : acknowledged) {
            assertThat(stored).as("stored messages").contains(m.path("id").asText() + " " + m.path("content").asText());
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Polls GET /health/ready until it answers 200. */
    static void awaitReady(String baseUrl, Duration limit) {
        Api api = new Api(baseUrl);
        Dist.await(limit, baseUrl + "/health/ready answering 200", () -> {
            try {
                return api.get("/health/ready", null).status() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        for (Ws ws : new Ws[] {aliceWs, bobWs}) {
            if (ws != null) {
                ws.close();
            }
        }
    }
}
