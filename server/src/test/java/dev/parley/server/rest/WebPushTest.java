package dev.parley.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.PushReceiver;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Web Push end to end without the internet: subscriptions point at a push service started by the test, which checks
 * each push's VAPID signature and decrypts it with the subscription's own private key.
 */
class WebPushTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final PushReceiver PUSH = new PushReceiver();

    @RegisterExtension
    static final TestNode NODE = new TestNode().with("push.allow.http", "true").with("push.collapse.seconds", "30");

    @AfterAll
    static void stopReceiver() {
        PUSH.close();
    }

    private final Api api = NODE.api();

    private String subscribe(Api.Account user, PushReceiver.Subscription s) {
        Api.Reply r = api.post("/api/v1/push/subscriptions", user.token(),
                Api.obj("endpoint", s.endpoint(), "keys", Api.obj("p256dh", s.p256dh(), "auth", s.authBase64())));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private String dm(Api.Account a, Api.Account b) {
        return api.post("/api/v1/dms", a.token(), Api.obj("username", b.username())).json().path("id").asText();
    }

    private JsonNode send(Api.Account author, String conversation, String content) {
        Api.Reply r = api.send(author, conversation, content);
        assertThat(r.status()).isEqualTo(201);
        return r.json();
    }

    private void settings(Api.Account user, String conversation, Object body) {
        assertThat(api.call("PUT", "/api/v1/conversations/" + conversation + "/notifications", user.token(),
                Api.JSON.valueToTree(body).toString()).status()).isEqualTo(204);
    }

    @Test
    void anOfflineRecipientGetsASignedEncryptedPushOfTheMessage() throws Exception {
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        PushReceiver.Subscription bobs = PUSH.subscription();
        PushReceiver.Subscription alices = PUSH.subscription();
        subscribe(bob, bobs);
        subscribe(alice, alices);
        String dm = dm(alice, bob);
        String key = api.get("/api/v1/push/vapid-public-key", bob.token()).json().path("key").asText();

        JsonNode sent = send(alice, dm, "hello bob");

        PushReceiver.Push push = PUSH.next(bobs, WAIT);
        assertThat(push).as("a push, refused ones: %s", PUSH.errors()).isNotNull();
        assertThat(push.payload().path("conversation_id").asText()).isEqualTo(dm);
        assertThat(push.payload().path("message_id").asText()).isEqualTo(sent.path("id").asText());
        assertThat(push.payload().path("seq").asLong()).isEqualTo(sent.path("seq").asLong());
        assertThat(push.payload().path("title").asText()).isEqualTo(alice.username());
        assertThat(push.payload().path("body").asText()).isEqualTo("hello bob");
        assertThat(push.vapidKey()).isEqualTo(key);
        assertThat(Base64.getUrlDecoder().decode(key)).hasSize(65).startsWith((byte) 4);
        assertThat(push.header("TTL")).isNotBlank();
        assertThat(push.header("Topic")).hasSizeLessThanOrEqualTo(32);
        assertThat(PUSH.next(alices, QUIET)).as("the author is not pushed").isNull();
        assertThat(PUSH.errors()).isEmpty();
    }

    @Test
    void aBurstInOneConversationIsOnePush() throws Exception {
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        PushReceiver.Subscription bobs = PUSH.subscription();
        subscribe(bob, bobs);
        String room = api.channel(alice, "burst", "private");
        api.addMember(alice, room, bob);
        String other = api.channel(alice, "other", "private");
        api.addMember(alice, other, bob);

        for (int i = 0; i < 5; i++) {
            send(alice, room, "line " + i);
        }

        assertThat(PUSH.next(bobs, WAIT).payload().path("body").asText()).endsWith("line 0");
        assertThat(PUSH.next(bobs, QUIET)).as("the rest of the burst").isNull();
        send(alice, other, "elsewhere");
        assertThat(PUSH.next(bobs, WAIT).payload().path("title").asText()).isEqualTo("#other");
        assertThat(PUSH.errors()).isEmpty();
    }

    @Test
    void aUserWithAConnectedDeviceIsNotPushed() throws Exception {
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        PushReceiver.Subscription bobs = PUSH.subscription();
        subscribe(bob, bobs);
        String dm = dm(alice, bob);
        try (Ws socket = Ws.connect(NODE.baseUrl(), bob.token())) {
            send(alice, dm, "you are here");
            socket.next("MESSAGE_CREATE");
            assertThat(PUSH.next(bobs, QUIET)).isNull();
        }
        PushReceiver.Push push = null;
        for (int i = 0; i < 10 && push == null; i++) {
            send(alice, dm, "gone now " + i);
            push = PUSH.next(bobs, Duration.ofMillis(500));
        }
        assertThat(push).as("a push once the socket closed").isNotNull();
    }

    @Test
    void settingsDecideWhoIsPushed() throws Exception {
        Api.Account alice = api.register("alice");
        Api.Account mentionsOnly = api.register("ment");
        Api.Account muted = api.register("muted");
        Api.Account silent = api.register("silent");
        Api.Account everything = api.register("every");
        String room = api.channel(alice, "prefs", "private");
        PushReceiver.Subscription toMentions = PUSH.subscription();
        PushReceiver.Subscription toMuted = PUSH.subscription();
        PushReceiver.Subscription toSilent = PUSH.subscription();
        PushReceiver.Subscription toEverything = PUSH.subscription();
        for (var pair : List.of(Map.entry(mentionsOnly, toMentions), Map.entry(muted, toMuted),
                Map.entry(silent, toSilent), Map.entry(everything, toEverything))) {
            api.addMember(alice, room, pair.getKey());
            subscribe(pair.getKey(), pair.getValue());
        }
        settings(mentionsOnly, room, Api.obj("notify", "mentions"));
        settings(muted, room, Api.obj("notify", "all", "muted_until", Instant.now().plusSeconds(3600).toString()));
        settings(silent, room, Api.obj("notify", "none"));

        send(alice, room, "nothing special");
        assertThat(PUSH.next(toEverything, WAIT)).isNotNull();
        assertThat(PUSH.next(toMentions, QUIET)).isNull();

        send(alice, room, "@here is for those online");
        assertThat(PUSH.next(toMentions, QUIET)).as("@here never pushes").isNull();

        send(alice, room, "@" + mentionsOnly.username() + " @" + muted.username() + " @" + silent.username() + " look");
        assertThat(PUSH.next(toMentions, WAIT)).isNotNull();
        assertThat(PUSH.next(toMuted, QUIET)).as("muted").isNull();
        assertThat(PUSH.next(toSilent, Duration.ofMillis(200))).as("none").isNull();
        assertThat(PUSH.errors()).isEmpty();
    }

    @Test
    void subscriptionsThePushServiceCallsGoneAreDeleted() throws Exception {
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        PushReceiver.Subscription gone = PUSH.answering(410);
        PushReceiver.Subscription missing = PUSH.answering(404);
        String goneId = subscribe(bob, gone);
        String missingId = subscribe(bob, missing);
        String dm = dm(alice, bob);

        send(alice, dm, "anyone?");

        assertThat(PUSH.next(gone, WAIT)).isNotNull();
        assertThat(PUSH.next(missing, WAIT)).isNotNull();
        Thread.sleep(1000);
        assertThat(api.delete("/api/v1/push/subscriptions/" + goneId, bob.token()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/push/subscriptions/" + missingId, bob.token()).status()).isEqualTo(404);
    }

    @Test
    void subscriptionsAreCheckedAndOnlyTheirOwnerDeletesThem() {
        Api.Account bob = api.register("bob");
        Api.Account eve = api.register("eve");
        PushReceiver.Subscription s = PUSH.subscription();
        String ok = s.endpoint();
        assertThat(api.post("/api/v1/push/subscriptions", bob.token(), Api.obj("endpoint", "ftp://x/y",
                "keys", Api.obj("p256dh", s.p256dh(), "auth", s.authBase64()))).errorCode()).isEqualTo("invalid_request");
        assertThat(api.post("/api/v1/push/subscriptions", bob.token(), Api.obj("endpoint", ok,
                "keys", Api.obj("p256dh", "AAAA", "auth", s.authBase64()))).errorCode()).isEqualTo("invalid_request");
        assertThat(api.post("/api/v1/push/subscriptions", bob.token(), Api.obj("endpoint", ok)).errorCode())
                .isEqualTo("invalid_request");
        assertThat(api.post("/api/v1/push/subscriptions", null, Api.obj("endpoint", ok)).status()).isEqualTo(401);
        String id = subscribe(bob, s);
        assertThat(api.delete("/api/v1/push/subscriptions/" + id, eve.token()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/push/subscriptions/" + id, bob.token()).status()).isEqualTo(204);
    }

}
