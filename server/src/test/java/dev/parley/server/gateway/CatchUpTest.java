package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reconnecting with cursors: the missed events in order, truncation past the limit, and no gap or repeat at the live boundary. */
class CatchUpTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode().with("rate.limit.send.burst", "100000").with("rate.limit.send.per.second", "100000");

    /** What a replayed frame should be: its op and the message or user it is about. */
    private record Expected(String op, String about) {
        static Expected of(JsonNode frame) {
            JsonNode d = frame.path("d");
            String about = switch (frame.path("op").asText()) {
                case "MESSAGE_CREATE", "MESSAGE_UPDATE" -> d.path("message").path("id").asText();
                case "MESSAGE_DELETE" -> d.path("message_id").asText();
                case "MEMBER_ADD", "MEMBER_REMOVE" -> d.path("user").path("id").asText();
                default -> "";
            };
            return new Expected(frame.path("op").asText(), about);
        }
    }

    @Test
    void aReconnectingDeviceGetsExactlyWhatItMissedInSeqOrderThenLiveEvents() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        Api.Account carol = api.register("carol");
        String c1 = api.channel(alice, "one", "private");
        api.addMember(alice, c1, bob);
        api.addMember(alice, c1, carol);
        String c2 = api.channel(bob, "two", "private");
        api.addMember(bob, c2, alice);
        String dm = api.post("/api/v1/dms", alice.token(), Api.obj("username", bob.username())).json().path("id").asText();
        List<String> conversations = List.of(c1, c2, dm);

        // The device is connected and sees one message in each conversation: that is where its cursors stand.
        Map<String, Long> cursors = new LinkedHashMap<>();
        try (Ws device = Ws.connect(NODE.baseUrl(), alice.token())) {
            for (String c : conversations) {
                String id = Gw.post(api, bob, c, "before").path("id").asText();
                cursors.put(c, device.next(Gw.messageCreate(id), "the message before").path("seq").asLong());
            }
        }

        // While it is away: 40 messages, 3 edits, 2 deletions and a member removal, across the three.
        Map<String, List<Expected>> expected = new HashMap<>();
        conversations.forEach(c -> expected.put(c, new ArrayList<>()));
        List<String> c1Bob = new ArrayList<>();
        List<String> c1Carol = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            c1Bob.add(posted(api, bob, c1, "c1 bob " + i, expected));
            if (i < 7) {
                c1Carol.add(posted(api, carol, c1, "c1 carol " + i, expected));
            }
        }
        List<String> c2Bob = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            c2Bob.add(posted(api, bob, c2, "c2 bob " + i, expected));
            if (i < 7) {
                posted(api, alice, c2, "c2 alice " + i, expected);
            }
        }
        List<String> dmBob = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted(api, alice, dm, "dm alice " + i, expected);
            dmBob.add(posted(api, bob, dm, "dm bob " + i, expected));
        }
        edit(api, bob, c1, c1Bob.get(0), expected);
        edit(api, bob, c2, c2Bob.get(1), expected);
        edit(api, bob, c2, c2Bob.get(5), expected);
        delete(api, carol, c1, c1Carol.get(1), expected);
        delete(api, bob, dm, dmBob.get(0), expected);
        assertThat(api.delete("/api/v1/channels/" + c1 + "/members/" + carol.id(), alice.token()).status()).isEqualTo(204);
        expected.get(c1).add(new Expected("MEMBER_REMOVE", carol.id()));
        assertThat(expected.values().stream().mapToLong(l -> l.stream().filter(e -> e.op().equals("MESSAGE_CREATE")).count()).sum())
                .isEqualTo(40);

        try (Ws device = Ws.open(NODE.baseUrl())) {
            List<JsonNode> handshake = Gw.identify(device, alice.token(), Gw.cursors(cursors));
            assertThat(handshake.get(0).path("op").asText()).isEqualTo("READY");
            assertThat(handshake.get(handshake.size() - 1).path("op").asText()).isEqualTo("CATCHUP_DONE");
            List<JsonNode> replay = handshake.subList(1, handshake.size() - 1);
            int total = 0;
            for (String c : conversations) {
                List<JsonNode> log = Gw.logOf(replay, c);
                long cursor = cursors.get(c);
                assertThat(Gw.seqs(log)).as("replayed seqs of %s", c).isEqualTo(Gw.range(cursor + 1, cursor + expected.get(c).size()));
                assertThat(log.stream().map(Expected::of).toList()).as("replayed events of %s", c).isEqualTo(expected.get(c));
                assertThat(Gw.inReady(handshake, c).path("last_seq").asLong()).isEqualTo(cursor + expected.get(c).size());
                total += log.size();
            }
            assertThat(replay).as("nothing but the missed events between READY and CATCHUP_DONE").hasSize(total);
            JsonNode update = replay.stream().filter(Gw.op("MESSAGE_UPDATE")).findFirst().orElseThrow();
            assertThat(update.path("d").path("message").path("content").asText()).isEqualTo("edited");

            // then live: the next event follows on
            String live = Gw.post(api, bob, c1, "live").path("id").asText();
            JsonNode f = device.next(Gw.messageCreate(live), "the live message");
            assertThat(f.path("seq").asLong()).isEqualTo(cursors.get(c1) + expected.get(c1).size() + 1);
        }
    }

    @Test
    void nothingIsLostOrRepeatedWhileSendsLandDuringReconnects() throws Exception {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String channel = api.channel(alice, "busy", "private");
        api.addMember(alice, channel, bob);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong lastPosted = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    Api.Reply r = api.send(alice, channel, "bg " + i);
                    if (r.status() != 201) {
                        throw new IllegalStateException("background send: " + r.status() + " " + r.raw().body());
                    }
                    lastPosted.set(r.json().path("seq").asLong());
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "background-sender");

        List<Long> delivered = new ArrayList<>();
        Ws ws = Ws.open(NODE.baseUrl());
        long start = Gw.inReady(Gw.identify(ws, bob.token(), null), channel).path("last_seq").asLong();
        sender.start();
        try {
            for (int cycle = 0; cycle < 8; cycle++) {
                long from = delivered.isEmpty() ? start : delivered.get(delivered.size() - 1);
                // this connection gets some live message, then drops
                ws.next(f -> "MESSAGE_CREATE".equals(f.path("op").asText()) && f.path("seq").asLong() > from, "a live message");
                ws.close();
                collect(api, bob, channel, ws.drainAll(), delivered);
                long cursor = delivered.get(delivered.size() - 1);
                ws = Ws.open(NODE.baseUrl());
                Gw.identify(ws, bob.token(), Gw.cursors(Map.of(channel, cursor)));
            }
        } finally {
            stop.set(true);
            sender.join(30_000);
        }
        assertThat(failure.get()).isNull();
        long last = lastPosted.get();
        Predicate<JsonNode> lastMessage = f -> "MESSAGE_CREATE".equals(f.path("op").asText()) && f.path("seq").asLong() == last;
        // the last message may have come already: on an earlier connection, or in the final one's replay
        if (!delivered.contains(last) && ws.drainAll().stream().noneMatch(lastMessage)) {
            ws.next(lastMessage, "the last message");
        }
        ws.close();
        collect(api, bob, channel, ws.drainAll(), delivered);
        assertThat(last - start).as("messages sent meanwhile").isGreaterThan(8);
        assertThat(delivered).as("every seq exactly once, in order, across 9 connections").isEqualTo(Gw.range(start + 1, last));
    }

    @Test
    void pastTheLimitTheOldestHundredComeThenCatchupTruncated() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account carol = api.register("carol");
        String channel = api.channel(alice, "flood", "private");
        api.addMember(alice, channel, carol);
        long cursor;
        try (Ws device = Ws.connect(NODE.baseUrl(), carol.token())) {
            String id = Gw.post(api, alice, channel, "seen").path("id").asText();
            cursor = device.next(Gw.messageCreate(id), "the seen message").path("seq").asLong();
        }
        List<String> ids = new ArrayList<>();
        try (Ws a = Ws.connect(NODE.baseUrl(), alice.token())) {
            List<String> nonces = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                String nonce = "flood-" + i;
                nonces.add(nonce);
                a.send("SEND", Gw.sendFrame(channel, "flood " + i, nonce));
            }
            Map<String, JsonNode> acks = Gw.acks(a, nonces);
            acks.values().stream().map(f -> f.path("d").path("message"))
                    .sorted(java.util.Comparator.comparingLong(m -> m.path("seq").asLong()))
                    .forEach(m -> ids.add(m.path("id").asText()));
        }
        try (Ws device = Ws.open(NODE.baseUrl())) {
            List<JsonNode> handshake = Gw.identify(device, carol.token(), Gw.cursors(Map.of(channel, cursor)));
            List<JsonNode> replay = handshake.subList(1, handshake.size() - 1);
            assertThat(replay).hasSize(101);
            List<JsonNode> events = replay.subList(0, 100);
            assertThat(Gw.seqs(events)).isEqualTo(Gw.range(cursor + 1, cursor + 100));
            assertThat(events.stream().map(f -> f.path("d").path("message").path("id").asText()).toList()).isEqualTo(ids.subList(0, 100));
            JsonNode truncated = replay.get(100);
            assertThat(truncated.path("op").asText()).isEqualTo("CATCHUP_TRUNCATED");
            assertThat(truncated.has("seq")).isFalse();
            assertThat(truncated.path("d").path("conversation_id").asText()).isEqualTo(channel);
            assertThat(truncated.path("d").path("from_seq").asLong()).isEqualTo(cursor + 101);
            assertThat(truncated.path("d").path("to_seq").asLong()).isEqualTo(cursor + 150);

            String live = Gw.post(api, alice, channel, "after").path("id").asText();
            List<JsonNode> after = Gw.until(device, Gw.messageCreate(live), "the live message");
            assertThat(Gw.seqs(Gw.logOf(after, channel))).isEqualTo(List.of(cursor + 151));
        }
    }

    @Test
    void theSameNonceResentAfterAReconnectReturnsTheOriginalMessage() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String channel = api.channel(alice, "nonces", "private");
        api.addMember(alice, channel, bob);
        String nonce = Gw.nonce();
        JsonNode original;
        try (Ws ws = Ws.connect(NODE.baseUrl(), bob.token())) {
            ws.send("SEND", Gw.sendFrame(channel, "only once", nonce));
            original = Gw.ack(ws, nonce, new ArrayList<>()).path("d").path("message");
        }
        try (Ws ws = Ws.connect(NODE.baseUrl(), bob.token())) {
            ws.send("SEND", Gw.sendFrame(channel, "only once", nonce));
            List<JsonNode> frames = new ArrayList<>();
            JsonNode again = Gw.ack(ws, nonce, frames).path("d").path("message");
            assertThat(again.path("id").asText()).isEqualTo(original.path("id").asText());
            assertThat(again.path("seq").asLong()).isEqualTo(original.path("seq").asLong());
            String marker = Gw.post(api, alice, channel, "marker").path("id").asText();
            frames.addAll(Gw.until(ws, Gw.messageCreate(marker), "the marker"));
            assertThat(Gw.logOf(frames, channel)).as("no second message went out").hasSize(1);
            assertThat(frames.get(frames.size() - 1).path("seq").asLong()).isEqualTo(original.path("seq").asLong() + 1);
        }
        JsonNode history = api.get("/api/v1/conversations/" + channel + "/messages?limit=100", bob.token()).json();
        long withNonce = 0;
        for (JsonNode m : history.path("messages")) {
            withNonce += nonce.equals(m.path("nonce").asText()) ? 1 : 0;
        }
        assertThat(withNonce).isEqualTo(1);
    }

    @Test
    void aCursorForAConversationNoLongerJoinedYieldsConversationDeleteWithoutSeq() {
        Api api = NODE.api();
        Api.Account alice = api.register("alice");
        Api.Account dave = api.register("dave");
        String removedFrom = api.channel(alice, "removed", "private");
        String deleted = api.channel(alice, "deleted", "private");
        String kept = api.channel(alice, "kept", "private");
        for (String c : List.of(removedFrom, deleted, kept)) {
            api.addMember(alice, c, dave);
        }
        Map<String, Long> cursors = new LinkedHashMap<>();
        try (Ws ws = Ws.open(NODE.baseUrl())) {
            List<JsonNode> handshake = Gw.identify(ws, dave.token(), null);
            for (String c : List.of(removedFrom, deleted, kept)) {
                cursors.put(c, Gw.inReady(handshake, c).path("last_seq").asLong());
            }
        }
        assertThat(api.delete("/api/v1/channels/" + removedFrom + "/members/" + dave.id(), alice.token()).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/channels/" + deleted, alice.token()).status()).isEqualTo(204);
        try (Ws ws = Ws.open(NODE.baseUrl())) {
            List<JsonNode> handshake = Gw.identify(ws, dave.token(), Gw.cursors(cursors));
            assertThat(Gw.inReady(handshake, removedFrom)).isNull();
            assertThat(Gw.inReady(handshake, deleted)).isNull();
            assertThat(Gw.inReady(handshake, kept)).isNotNull();
            for (String gone : List.of(removedFrom, deleted)) {
                List<JsonNode> deletes = handshake.stream().filter(Gw.op("CONVERSATION_DELETE"))
                        .filter(f -> gone.equals(f.path("d").path("conversation_id").asText())).toList();
                assertThat(deletes).as("CONVERSATION_DELETE for %s", gone).hasSize(1);
                assertThat(deletes.get(0).has("seq")).isFalse();
            }
            assertThat(handshake).as("READY, two deletes, CATCHUP_DONE").hasSize(4);
        }
    }

    private static String posted(Api api, Api.Account author, String conversation, String content, Map<String, List<Expected>> expected) {
        String id = Gw.post(api, author, conversation, content).path("id").asText();
        expected.get(conversation).add(new Expected("MESSAGE_CREATE", id));
        return id;
    }

    private static void edit(Api api, Api.Account author, String conversation, String id, Map<String, List<Expected>> expected) {
        Api.Reply r = api.patch("/api/v1/conversations/" + conversation + "/messages/" + id, author.token(), Api.obj("content", "edited"));
        assertThat(r.status()).isEqualTo(200);
        expected.get(conversation).add(new Expected("MESSAGE_UPDATE", id));
    }

    private static void delete(Api api, Api.Account who, String conversation, String id, Map<String, List<Expected>> expected) {
        assertThat(api.delete("/api/v1/conversations/" + conversation + "/messages/" + id, who.token()).status()).isEqualTo(204);
        expected.get(conversation).add(new Expected("MESSAGE_DELETE", id));
    }

    /**
     * Appends the seqs of the conversation's messages a connection received, in arrival order; a truncated
     * range is paged through REST, as a client does.
     */
    private static void collect(Api api, Api.Account viewer, String channel, List<JsonNode> frames, List<Long> into) {
        for (JsonNode f : frames) {
            if (f.has("seq") && channel.equals(f.path("conversation_id").asText())) {
                assertThat(f.path("op").asText()).isEqualTo("MESSAGE_CREATE");
                into.add(f.path("seq").asLong());
            } else if ("CATCHUP_TRUNCATED".equals(f.path("op").asText())) {
                long from = f.path("d").path("from_seq").asLong();
                long to = f.path("d").path("to_seq").asLong();
                long after = from - 1;
                while (after < to) {
                    JsonNode page = api.get("/api/v1/conversations/" + channel + "/messages?after_seq=" + after + "&limit=100",
                            viewer.token()).json();
                    assertThat(page.path("messages").isEmpty()).as("history after %s", after).isFalse();
                    for (JsonNode m : page.path("messages")) {
                        long seq = m.path("seq").asLong();
                        if (seq <= to) {
                            into.add(seq);
                        }
                        after = seq;
                    }
                }
            }
        }
    }
}
