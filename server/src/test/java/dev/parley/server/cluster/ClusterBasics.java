package dev.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Cluster;
import dev.parley.server.support.Gw;
import dev.parley.server.support.Ws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every feature across three node processes, on either cluster tier: what one node does, the others see. Accounts
 * too: a deactivation, a bot token's scope and a channel's ban hold on every node.
 */
abstract class ClusterBasics {
    /** The admin every cluster of these tests names ({@code admin.usernames}). */
    static final String ADMIN = "cluster_admin";

    /** The cluster the tests run on: one per subclass, its own tier. */
    protected abstract Cluster cluster();

    private Api on(int node) {
        return cluster().api(node);
    }

    @Test
    void anAccountMadeOnOneNodeWorksOnEveryNodeAndItsNameIsTakenOnEveryNode() {
        Account made = on(0).register("everywhere");

        Api.Reply login = on(1).post("/api/v1/auth/login", null,
                Api.obj("username", made.username(), "password", "correct horse", "device_name", "node 1"));
        assertThat(login.status()).isEqualTo(200);
        String token = login.json().path("token").asText();
        Api.Reply me = on(2).get("/api/v1/users/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asText()).isEqualTo(made.id());

        Api.Reply again = on(1).post("/api/v1/auth/register", null,
                Api.obj("username", made.username().toUpperCase(), "password", "correct horse"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("username_taken");
    }

    @Test
    void twentySendersOverThreeNodesAreSeenInOneDenseOrderByEveryDeviceOnEveryNode() throws Exception {
        Account owner = on(0).register("owner");
        String channel = on(0).channel(owner, "busy", "private");
        List<Account> senders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Account s = on(i % 3).register("sender");
            on(1).addMember(owner, channel, s);
            senders.add(s);
        }
        List<Ws> listeners = new ArrayList<>();
        try {
            for (int node = 0; node < 3; node++) {
                for (int device = 0; device < 2; device++) {
                    Account listener = on(node).register("listener");
                    on(node).addMember(owner, channel, listener);
                    listeners.add(Ws.connect(cluster().baseUrl(node), listener.token()));
                }
            }
            long start = Gw.lastSeq(on(0), owner, channel);
            Gw.concurrently(senders.size(), s -> {
                for (int m = 0; m < 10; m++) {
                    assertThat(on((s + m) % 3).send(senders.get(s), channel, "m" + m + " of " + s).status()).isEqualTo(201);
                }
                return null;
            });
            long last = Gw.lastSeq(on(2), owner, channel);
            assertThat(last).isEqualTo(start + 200);

            for (Ws ws : listeners) {
                awaitSeq(ws, channel, last);
                List<Long> seqs = ws.drainAll().stream()
                        .filter(f -> channel.equals(f.path("conversation_id").asText()) && f.has("seq"))
                        .map(f -> f.path("seq").asLong()).filter(seq -> seq > start).toList();
                assertThat(seqs).as("every event once and in order").containsExactlyElementsOf(Gw.range(start + 1, last));
            }
        } finally {
            listeners.forEach(Ws::close);
        }
    }

    @Test
    void dmsEditsDeletionsTypingAndReadMarkersCrossNodes() {
        Account alice = on(0).register("alice");
        Account bob = on(1).register("bob");
        Account bobsLaptop = Gw.login(on(2), bob, "laptop");
        try (Ws a = Ws.connect(cluster().baseUrl(0), alice.token());
             Ws b = Ws.connect(cluster().baseUrl(1), bob.token());
             Ws b2 = Ws.connect(cluster().baseUrl(2), bobsLaptop.token())) {
            Api.Reply dm = on(2).post("/api/v1/dms", bob.token(), Api.obj("username", alice.username()));
            assertThat(dm.status()).isEqualTo(200);
            String dmId = dm.json().path("id").asText();
            for (Ws ws : List.of(a, b, b2)) {
                assertThat(ws.next(f -> "CONVERSATION_CREATE".equals(f.path("op").asText())
                        && dmId.equals(f.path("d").path("conversation").path("id").asText()), "the new DM")).isNotNull();
            }

            String nonce = Gw.nonce();
            a.send("SEND", Gw.sendFrame(dmId, "hi bob", nonce));
            JsonNode ack = Gw.ack(a, nonce, new ArrayList<>());
            String id = ack.path("d").path("message").path("id").asText();
            b.next(Gw.messageCreate(id), "alice's message on bob's phone (node 1)");
            b2.next(Gw.messageCreate(id), "alice's message on bob's laptop (node 2)");

            assertThat(on(2).patch("/api/v1/conversations/" + dmId + "/messages/" + id, alice.token(),
                    Api.obj("content", "hi bob!")).status()).isEqualTo(200);
            assertThat(b.next(op("MESSAGE_UPDATE"), "the edit").path("d").path("message").path("content").asText())
                    .isEqualTo("hi bob!");
            String gone = Gw.post(on(1), bob, dmId, "oops").path("id").asText();
            assertThat(on(0).delete("/api/v1/conversations/" + dmId + "/messages/" + gone, bob.token()).status()).isEqualTo(204);
            assertThat(a.next(op("MESSAGE_DELETE"), "the deletion").path("d").path("message_id").asText()).isEqualTo(gone);

            b.send("TYPING", Api.obj("conversation_id", dmId));
            assertThat(a.next(op("TYPING_START"), "bob typing").path("d").path("user_id").asText()).isEqualTo(bob.id());

            long seq = Gw.lastSeq(on(1), bob, dmId);
            b.send("READ", Api.obj("conversation_id", dmId, "seq", seq));
            assertThat(b2.next(op("READ_STATE"), "bob's read marker on his laptop").path("d").path("last_read_seq").asLong())
                    .isEqualTo(seq);
        }
    }

    @Test
    void presenceAndStatusCrossNodesAndAUserWhoLeftGoesOffline() {
        Account alice = on(0).register("alice");
        Account bob = on(1).register("bob");
        on(2).post("/api/v1/dms", alice.token(), Api.obj("username", bob.username()));
        try (Ws a = Ws.connect(cluster().baseUrl(0), alice.token())) {
            Ws b = Ws.connect(cluster().baseUrl(1), bob.token());
            a.next(Gw.presence(bob.id(), "online"), "bob online");
            b.send("SET_STATUS", Api.obj("status", "dnd"));
            a.next(Gw.presence(bob.id(), "dnd"), "bob on do-not-disturb");
            b.close();
            a.next(Gw.presence(bob.id(), "offline"), "bob offline once the grace is over");
            JsonNode seen = on(2).get("/api/v1/presence?user_ids=" + bob.id(), alice.token()).json().path("presence").get(0);
            assertThat(seen.path("status").asText()).isEqualTo("offline");
            assertThat(seen.path("last_seen_at").asText()).isNotBlank();
        }
    }

    @Test
    void aProfileChangedOnOneNodeShowsOnTheNextHistoryPageOfAnother() {
        Account alice = on(0).register("alice");
        String channel = on(0).channel(alice, "renames", "private");
        Gw.post(on(0), alice, channel, "hello");
        String page = "/api/v1/conversations/" + channel + "/messages";
        assertThat(on(1).get(page, alice.token()).json().path("users").path(alice.id()).path("display_name").asText())
                .isNotEqualTo("Alice Renamed");

        assertThat(on(2).patch("/api/v1/users/me", alice.token(), Api.obj("display_name", "Alice Renamed")).status())
                .isEqualTo(200);

        awaitTrue(() -> "Alice Renamed".equals(on(1).get(page, alice.token()).json().path("users").path(alice.id())
                .path("display_name").asText()), "node 1's cache dropped the old profile");
    }

    @Test
    void aMemberRemovedOnOneNodeGetsConversationDeleteOnAnotherAndNothingOfThatChannelAfter() {
        Account alice = on(0).register("alice");
        Account carol = on(2).register("carol");
        String channel = on(0).channel(alice, "team", "private");
        on(0).addMember(alice, channel, carol);
        String dm = on(1).post("/api/v1/dms", alice.token(), Api.obj("username", carol.username())).json().path("id").asText();
        try (Ws c = Ws.connect(cluster().baseUrl(2), carol.token())) {
            assertThat(on(0).delete("/api/v1/channels/" + channel + "/members/" + carol.id(), alice.token()).status())
                    .isEqualTo(204);
            c.next(f -> "CONVERSATION_DELETE".equals(f.path("op").asText())
                    && channel.equals(f.path("d").path("conversation_id").asText()), "carol removed");
            Gw.post(on(0), alice, channel, "not for carol");
            String marker = Gw.post(on(1), alice, dm, "but this is").path("id").asText();
            c.next(Gw.messageCreate(marker), "the DM after");
            assertThat(c.drainAll()).noneMatch(f -> "MESSAGE_CREATE".equals(f.path("op").asText())
                    && channel.equals(f.path("conversation_id").asText()));
            assertThat(on(2).get("/api/v1/conversations/" + channel + "/messages", carol.token()).status()).isEqualTo(404);
        }
    }

    @Test
    void revokingOnOneNodeClosesTheDeviceOnAnotherAndEveryNodeRefusesTheToken() {
        Account dave = on(0).register("dave");
        Account phone = Gw.login(on(1), dave, "phone");
        Account tablet = Gw.login(on(2), dave, "tablet");
        try (Ws p = Ws.connect(cluster().baseUrl(2), phone.token()); Ws t = Ws.connect(cluster().baseUrl(1), tablet.token())) {
            assertThat(on(0).delete("/api/v1/auth/sessions/" + phone.sessionId(), dave.token()).status()).isEqualTo(204);
            assertThat(p.awaitClose()).isEqualTo(4001);
            for (int node = 0; node < 3; node++) {
                assertThat(on(node).get("/api/v1/users/me", phone.token()).status()).isEqualTo(401);
            }
            assertThat(on(0).post("/api/v1/auth/logout", tablet.token(), null).status()).isEqualTo(204);
            assertThat(t.awaitClose()).isEqualTo(4001);
            for (int node = 0; node < 3; node++) {
                assertThat(on(node).get("/api/v1/users/me", tablet.token()).status()).isEqualTo(401);
                assertThat(on(node).get("/api/v1/users/me", dave.token()).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void deactivationBotScopesAndBansHoldOnEveryNode() {
        Api.Reply signedUp = on(0).post("/api/v1/auth/register", null, Api.obj("username", ADMIN, "password", "correct horse"));
        assertThat(signedUp.status()).isEqualTo(201);
        String adminToken = signedUp.json().path("token").asText();
        Account owner = on(0).register("owner");
        Account gone = on(1).register("gone");
        Account goneElsewhere = Gw.login(on(2), gone, "laptop");
        try (Ws socket = Ws.connect(cluster().baseUrl(1), gone.token())) {
            assertThat(on(0).post("/api/v1/admin/users/" + gone.id() + "/deactivate", adminToken, null).status())
                    .isEqualTo(204);
            assertThat(socket.awaitClose()).as("the socket on node 1").isEqualTo(4001);
            for (int node = 0; node < 3; node++) {
                assertThat(on(node).get("/api/v1/users/me", gone.token()).status()).as("node %d", node).isEqualTo(401);
                assertThat(on(node).get("/api/v1/users/me", goneElsewhere.token()).status()).as("node %d", node).isEqualTo(401);
            }
            assertThat(on(2).login(gone.username(), "correct horse").errorCode()).isEqualTo("account_deactivated");
        }

        String allowed = on(0).channel(owner, "allowed", "public");
        String other = on(0).channel(owner, "other", "public");
        Api.Reply bot = on(1).post("/api/v1/bots", owner.token(), Api.obj("username", "cluster_bot"));
        assertThat(bot.status()).isEqualTo(201);
        String botId = bot.json().path("id").asText();
        for (String channel : List.of(allowed, other)) {
            assertThat(on(0).put("/api/v1/channels/" + channel + "/members/" + botId, owner.token()).status()).isEqualTo(204);
        }
        String limited = on(0).post("/api/v1/bots/" + botId + "/tokens", owner.token(),
                Api.obj("name", "ci", "scope", "read_send", "conversation_ids", List.of(allowed))).json().path("token").asText();
        Account asBot = new Account(botId, "cluster_bot", limited, null);
        assertThat(on(2).send(asBot, allowed, "deployed from node 2").status()).isEqualTo(201);
        for (int node = 0; node < 3; node++) {
            assertThat(on(node).get("/api/v1/conversations/" + allowed + "/messages", limited).status()).isEqualTo(200);
            assertThat(on(node).get("/api/v1/conversations/" + other + "/messages", limited).status()).as("node %d", node)
                    .isEqualTo(404);
            assertThat(on(node).send(asBot, other, "out of scope").status()).as("node %d", node).isEqualTo(404);
        }

        Account troll = on(2).register("troll");
        assertThat(on(2).post("/api/v1/channels/" + allowed + "/join", troll.token(), null).status()).isEqualTo(200);
        try (Ws trollSocket = Ws.connect(cluster().baseUrl(2), troll.token())) {
            assertThat(on(0).put("/api/v1/channels/" + allowed + "/bans/" + troll.id(), owner.token()).status()).isEqualTo(204);
            trollSocket.next(f -> "CONVERSATION_DELETE".equals(f.path("op").asText())
                    && allowed.equals(f.path("d").path("conversation_id").asText()), "the troll removed, on node 2");
        }
        for (int node = 1; node < 3; node++) {
            Api.Reply join = on(node).post("/api/v1/channels/" + allowed + "/join", troll.token(), null);
            assertThat(join.status()).as("a banned user's join on node %d", node).isEqualTo(403);
            assertThat(join.errorCode()).isEqualTo("forbidden");
        }
        assertThat(on(1).get("/api/v1/channels/" + allowed + "/bans", owner.token()).json().path("users"))
                .extracting(u -> u.path("id").asText()).containsExactly(troll.id());
    }

    @Test
    void theGatewayAddressNamesTheLeastLoadedLiveNode() {
        Account user = on(0).register("loaded");
        String quiet = cluster().baseUrl(2).replace("http://", "ws://") + "/gateway";
        try (Ws a = Ws.connect(cluster().baseUrl(0), user.token()); Ws b = Ws.connect(cluster().baseUrl(0), user.token());
             Ws c = Ws.connect(cluster().baseUrl(1), user.token())) {
            awaitTrue(() -> List.of(0, 1, 2).stream()
                    .allMatch(node -> quiet.equals(on(node).get("/api/v1/gateway", null).json().path("url").asText())),
                    "every node names node 2, the one without sockets, once the heartbeats carry the load");
        }
    }

    private static Predicate<JsonNode> op(String op) {
        return f -> op.equals(f.path("op").asText());
    }

    private static void awaitSeq(Ws ws, String channel, long seq) {
        Predicate<JsonNode> it = f -> f.path("seq").asLong() == seq && channel.equals(f.path("conversation_id").asText());
        if (ws.drainAll().stream().noneMatch(it)) {
            ws.next(it, "seq " + seq + " of " + channel);
        }
    }

    /** Polls a condition that another node's asynchronous step makes true, failing after 10 s. */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
