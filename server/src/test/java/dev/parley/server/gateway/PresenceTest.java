package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Presence from connections and heartbeats: online, offline after the timeout and grace, no flicker, invisible. */
class PresenceTest {
    /**
     * Short timings: heartbeat every 250 ms, dead after 1 s of silence, offline 300 ms after the last socket,
     * 1.5 s to identify.
     */
    @RegisterExtension
    static final TestNode FAST = new TestNode()
            .with("gateway.heartbeat.interval.ms", "250")
            .with("gateway.heartbeat.timeout.ms", "1000")
            .with("presence.grace.ms", "300")
            .with("gateway.identify.timeout.ms", "1500");

    /** A long grace, to see that a quick reconnect does not flicker. */
    @RegisterExtension
    static final TestNode GRACE = new TestNode().with("presence.grace.ms", "2000");

    private static final long BEAT_MS = 150;

    @Test
    void onlineOnConnectThenOfflineAfterTheHeartbeatTimeout() throws Exception {
        Api api = FAST.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        api.post("/api/v1/dms", bob.token(), Api.obj("username", alice.username()));
        try (Ws b = Ws.connect(FAST.baseUrl(), bob.token()); AutoCloseable beat = Gw.keepAlive(b, BEAT_MS)) {
            assertThat(status(api, bob, alice)).isEqualTo("offline");
            Ws a = Ws.connect(FAST.baseUrl(), alice.token());
            assertThat(a.drainAll().get(0).path("d").path("heartbeat_interval_ms").asInt()).isEqualTo(250);
            b.next(Gw.presence(alice.id(), "online"), "alice online");
            assertThat(status(api, bob, alice)).isEqualTo("online");

            // alice never heartbeats: closed with 4004, then (after the grace) offline
            assertThat(a.awaitClose()).isEqualTo(4004);
            List<JsonNode> meanwhile = Gw.until(b, Gw.presence(alice.id(), "offline"), "alice offline");
            assertThat(meanwhile).noneMatch(f -> f.path("op").asText().equals("ERROR"));
            JsonNode p = presence(api, bob, alice);
            assertThat(p.path("status").asText()).isEqualTo("offline");
            assertThat(p.path("last_seen_at").isTextual()).isTrue();
            assertThat(b.isClosed()).as("the heartbeating socket").isFalse();
        }
    }

    @Test
    void aHeartbeatingClientKeepsItsConnectionBeyondTheTimeout() throws Exception {
        Api api = FAST.api();
        Api.Account alice = api.register("alice");
        try (Ws a = Ws.connect(FAST.baseUrl(), alice.token()); AutoCloseable beat = Gw.keepAlive(a, BEAT_MS)) {
            long start = System.nanoTime();
            for (int i = 0; i < 12; i++) {
                a.next("HEARTBEAT_ACK");
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMs).as("acks span more than the 1 s timeout").isGreaterThan(1_000);
            assertThat(a.isClosed()).isFalse();
            String channel = api.channel(alice, "still-here", "private");
            String id = Gw.post(api, alice, channel, "still here").path("id").asText();
            a.next(Gw.messageCreate(id), "a message after the timeout");
        }
    }

    @Test
    void aSocketThatDoesNotIdentifyInTimeIsClosedWith4003() throws Exception {
        // it heartbeats, which keeps the heartbeat timeout away but does not stand in for IDENTIFY
        Ws ws = Ws.open(FAST.baseUrl());
        try (AutoCloseable beat = Gw.keepAlive(ws, BEAT_MS)) {
            assertThat(ws.awaitClose()).isEqualTo(4003);
        }
        assertThat(ws.drainAll()).anyMatch(Gw.op("HEARTBEAT_ACK"));
    }

    @Test
    void offlineOnlyOnceTheLastDeviceIsGone() throws Exception {
        Api api = FAST.api();
        Api.Account alice = api.register("alice");
        Api.Account alice2 = Gw.login(api, alice, "phone");
        Api.Account bob = api.register("bob");
        Api.Account carol = api.register("carol");
        String channel = api.channel(bob, "room", "private");
        api.addMember(bob, channel, alice);
        api.addMember(bob, channel, carol);
        try (Ws b = Ws.connect(FAST.baseUrl(), bob.token()); AutoCloseable bBeat = Gw.keepAlive(b, BEAT_MS)) {
            Ws a1 = Ws.connect(FAST.baseUrl(), alice.token());
            AutoCloseable a1Beat = Gw.keepAlive(a1, BEAT_MS);
            Ws a2 = Ws.connect(FAST.baseUrl(), alice2.token());
            AutoCloseable a2Beat = Gw.keepAlive(a2, BEAT_MS);
            Ws c = Ws.connect(FAST.baseUrl(), carol.token());
            AutoCloseable cBeat = Gw.keepAlive(c, BEAT_MS);
            b.next(Gw.presence(carol.id(), "online"), "carol online");

            // one of alice's devices goes, and carol (the control) goes: carol turns offline, alice does not
            a1Beat.close();
            a1.close();
            cBeat.close();
            c.close();
            List<JsonNode> frames = Gw.until(b, Gw.presence(carol.id(), "offline"), "carol offline");
            assertThat(frames).noneMatch(Gw.presence(alice.id(), "offline"));
            assertThat(status(api, bob, alice)).isEqualTo("online");

            // then the last one
            a2Beat.close();
            a2.close();
            b.next(Gw.presence(alice.id(), "offline"), "alice offline");
            assertThat(status(api, bob, alice)).isEqualTo("offline");
        }
    }

    @Test
    void aQuickReconnectWithinTheGraceDoesNotFlicker() {
        Api api = GRACE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account carol = api.register("carol");
        String channel = api.channel(bob, "room", "private");
        api.addMember(bob, channel, alice);
        api.addMember(bob, channel, carol);
        try (Ws b = Ws.connect(GRACE.baseUrl(), bob.token())) {
            Ws a = Ws.connect(GRACE.baseUrl(), alice.token());
            Ws c = Ws.connect(GRACE.baseUrl(), carol.token());
            b.next(Gw.presence(alice.id(), "online"), "alice online");
            b.next(Gw.presence(carol.id(), "online"), "carol online");

            // alice drops and is back at once; carol (the control) drops for good at the same moment
            a.close();
            c.close();
            try (Ws again = Ws.connect(GRACE.baseUrl(), alice.token())) {
                // once carol shows offline the grace has run out: alice must not have flickered before it
                List<JsonNode> frames = Gw.until(b, Gw.presence(carol.id(), "offline"), "carol offline");
                assertThat(frames).noneMatch(Gw.presence(alice.id(), null));
                String marker = Gw.post(api, alice, channel, "still here").path("id").asText();
                assertThat(Gw.until(b, Gw.messageCreate(marker), "the marker")).noneMatch(Gw.presence(alice.id(), null));
                assertThat(status(api, bob, alice)).isEqualTo("online");
                assertThat(again.isClosed()).isFalse();
            }
        }
    }

    @Test
    void invisibleShowsOfflineToOthersAndWatchersAreTold() {
        Api api = GRACE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account dave = api.register("dave");
        api.post("/api/v1/dms", bob.token(), Api.obj("username", alice.username()));
        try (Ws b = Ws.connect(GRACE.baseUrl(), bob.token()); Ws d = Ws.connect(GRACE.baseUrl(), dave.token());
             Ws a = Ws.connect(GRACE.baseUrl(), alice.token())) {
            b.next(Gw.presence(alice.id(), "online"), "alice online");
            // dave shares nothing with alice: he asks to watch her, and hears her current status at once
            d.send("SUBSCRIBE_PRESENCE", Api.obj("user_ids", List.of(alice.id())));
            d.next(Gw.presence(alice.id(), "online"), "alice's current status");

            a.send("SET_STATUS", Api.obj("status", "invisible"));
            b.next(Gw.presence(alice.id(), "offline"), "alice shown offline");
            d.next(Gw.presence(alice.id(), "offline"), "alice shown offline to the watcher");
            assertThat(status(api, bob, alice)).isEqualTo("offline");
            assertThat(a.isClosed()).isFalse();

            assertThat(api.call("PUT", "/api/v1/presence", alice.token(), "{\"status\":\"dnd\"}").status()).isEqualTo(204);
            b.next(Gw.presence(alice.id(), "dnd"), "alice dnd");
            d.next(Gw.presence(alice.id(), "dnd"), "alice dnd at the watcher");
            assertThat(status(api, bob, alice)).isEqualTo("dnd");

            a.send("SET_STATUS", Api.obj("status", "auto"));
            b.next(Gw.presence(alice.id(), "online"), "alice back online");
            assertThat(status(api, bob, alice)).isEqualTo("online");

            a.send("SET_STATUS", Api.obj("status", "sleepy"));
            assertThat(a.next("ERROR").path("d").path("error").path("code").asText()).isEqualTo("invalid_request");
        }
    }

    private static JsonNode presence(Api api, Api.Account asker, Api.Account about) {
        Api.Reply r = api.get("/api/v1/presence?user_ids=" + about.id(), asker.token());
        assertThat(r.status()).isEqualTo(200);
        JsonNode p = r.json().path("presence").get(0);
        assertThat(p.path("user_id").asText()).isEqualTo(about.id());
        return p;
    }

    private static String status(Api api, Api.Account asker, Api.Account about) {
        return presence(api, asker, about).path("status").asText();
    }
}
