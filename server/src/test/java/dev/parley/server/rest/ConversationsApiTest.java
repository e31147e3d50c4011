package dev.parley.server.rest;

import dev.parley.server.support.Gw;
import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.conv;
import static dev.parley.server.rest.Rest.conversation;
import static dev.parley.server.rest.Rest.ok;
import static dev.parley.server.rest.Rest.send;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conversation list, single conversations, DMs and read markers. */
class ConversationsApiTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("rate.limit.send.burst", "100000").with("rate.limit.send.per.second", "100000");

    private Api api;

    @BeforeEach
    void setUp() {
        api = NODE.api();
    }

    /**
     * Sends to {@code conversationId} until the message's created_at is strictly after {@code after}, so
     * that activity order is not left to two events sharing one millisecond.
     */
    private JsonNode sendAfter(Account who, String conversationId, Instant after, String content) {
        for (int i = 0; i < 1000; i++) {
            JsonNode m = send(api, who, conversationId, content);
            if (Instant.parse(m.path("created_at").asText()).isAfter(after)) {
                return m;
            }
        }
        throw new AssertionError("the clock did not move");
    }

    @Test
    void listShowsTheCallersConversationsMostRecentlyActiveFirstWithLastMessageAndUnreadCount() {
        Account me = api.register("lister");
        Account peer = api.register("peer");
        String older = api.channel(me, "older", "private");
        String newer = api.channel(me, "newer", "private");
        api.addMember(me, older, peer);
        api.addMember(me, newer, peer);
        String elsewhere = api.channel(peer, "not mine", "private");

        JsonNode first = sendAfter(peer, newer, Instant.EPOCH, "first in newer");
        // the older channel becomes the most recently active one
        JsonNode a = sendAfter(peer, older, Instant.parse(first.path("created_at").asText()), "one");
        JsonNode b = send(api, peer, older, "two");
        send(api, me, older, "mine do not count");
        JsonNode last = send(api, peer, older, "three");

        List<JsonNode> list = conversations(me);
        assertThat(list).extracting(c -> c.path("id").asText()).containsExactly(older, newer).doesNotContain(elsewhere);

        JsonNode top = list.get(0);
        assertThat(top.path("last_message").path("id").asText()).isEqualTo(last.path("id").asText());
        assertThat(top.path("last_message").path("content").asText()).isEqualTo("three");
        assertThat(top.path("last_seq").asLong()).isEqualTo(last.path("seq").asLong());
        assertThat(top.path("unread_count").asLong()).isEqualTo(3);
        assertThat(top.path("last_read_seq").asLong()).isZero();
        assertThat(list.get(1).path("last_message").path("content").asText()).isEqualTo("first in newer");
        assertThat(list.get(1).path("unread_count").asLong()).isEqualTo(1);
        assertThat(List.of(a, b)).allSatisfy(m -> assertThat(m.path("seq").asLong()).isLessThan(last.path("seq").asLong()));

        // activity in the other channel brings it back to the top
        sendAfter(peer, newer, Instant.parse(last.path("created_at").asText()), "bump");
        assertThat(conversations(me)).extracting(c -> c.path("id").asText()).containsExactly(newer, older);
    }

    @Test
    void getOneAnswersTheConversationAsTheCallerSeesIt() {
        Account owner = api.register("getter");
        Account member = api.register("member");
        String id = api.channel(owner, "room", "private");
        api.addMember(owner, id, member);
        JsonNode m = send(api, owner, id, "hello");

        JsonNode forMember = conversation(api, member, id);
        assertThat(forMember.path("id").asText()).isEqualTo(id);
        assertThat(forMember.path("kind").asText()).isEqualTo("channel");
        assertThat(forMember.path("member_count").asInt()).isEqualTo(2);
        assertThat(forMember.path("last_seq").asLong()).isEqualTo(2);
        assertThat(forMember.path("last_message")).isEqualTo(m);
        assertThat(forMember.path("unread_count").asLong()).isEqualTo(1);
        assertThat(conversation(api, owner, id).path("unread_count").asLong()).isZero();
    }

    @Test
    void aDmIsTheSameConversationFromBothSidesAndShowsThePeer() {
        Account alice = api.register("alice");
        Account bob = api.register("bob");

        JsonNode fromAlice = ok(api.post(V1 + "/dms", alice.token(), obj("username", bob.username())), 200);
        JsonNode fromBob = ok(api.post(V1 + "/dms", bob.token(), obj("username", alice.username().toUpperCase())), 200);
        JsonNode again = ok(api.post(V1 + "/dms", alice.token(), obj("username", bob.username())), 200);

        String id = fromAlice.path("id").asText();
        assertThat(fromBob.path("id").asText()).isEqualTo(id);
        assertThat(again.path("id").asText()).isEqualTo(id);
        assertThat(fromAlice.path("kind").asText()).isEqualTo("dm");
        assertThat(fromAlice.path("member_count").asInt()).isEqualTo(2);
        assertThat(fromAlice.path("owner_id").isNull()).isTrue();
        assertThat(fromAlice.path("peer").path("id").asText()).isEqualTo(bob.id());
        assertThat(fromBob.path("peer").path("id").asText()).isEqualTo(alice.id());

        JsonNode m = send(api, alice, id, "hi bob");
        JsonNode seen = Rest.history(api, bob, id, "");
        assertThat(seen.path("messages").get(0)).isEqualTo(m);
        assertThat(conversations(bob)).extracting(c -> c.path("id").asText()).containsExactly(id);
        assertError(api.post(Rest.channel(id) + "/leave", bob.token(), null), 403, "forbidden");
    }

    @Test
    void openingOneDmFromBothSidesAtOnceMakesOneConversation() throws Exception {
        Account alice = api.register("carol");
        Account bob = api.register("dave");
        List<String> ids = Gw.concurrently(8, i -> {
            Account from = i % 2 == 0 ? alice : bob;
            Account to = i % 2 == 0 ? bob : alice;
            return ok(api.post(V1 + "/dms", from.token(), obj("username", to.username())), 200).path("id").asText();
        });
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(conversations(alice)).extracting(c -> c.path("id").asText()).containsExactly(ids.get(0));
        assertThat(conversations(bob)).extracting(c -> c.path("id").asText()).containsExactly(ids.get(0));
    }

    @Test
    void aDmWithYourselfOrAnUnknownUserIsRefused() {
        Account a = api.register("selfdm");
        assertError(api.post(V1 + "/dms", a.token(), obj("username", a.username())), 400, "invalid_request");
        assertError(api.post(V1 + "/dms", a.token(), obj("username", "nobody_is_called_this")), 404, "not_found");
        assertThat(conversations(a)).isEmpty();
    }

    @Test
    void readMarkersOnlyMoveForwardAndUnreadCountFollowsThem() {
        Account owner = api.register("reader");
        Account member = api.register("member");
        String id = api.channel(owner, "room", "private");
        api.addMember(owner, id, member);
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seqs.add(send(api, owner, id, "m" + i).path("seq").asLong());
        }
        assertThat(conversation(api, member, id).path("unread_count").asLong()).isEqualTo(5);

        assertThat(api.post(conv(id) + "/read", member.token(), obj("seq", seqs.get(2))).status()).isEqualTo(204);
        JsonNode c = conversation(api, member, id);
        assertThat(c.path("last_read_seq").asLong()).isEqualTo(seqs.get(2));
        assertThat(c.path("unread_count").asLong()).isEqualTo(2);

        assertThat(api.post(conv(id) + "/read", member.token(), obj("seq", String.valueOf(seqs.get(0)))).status())
                .isEqualTo(204);
        c = conversation(api, member, id);
        assertThat(c.path("last_read_seq").asLong()).isEqualTo(seqs.get(2));
        assertThat(c.path("unread_count").asLong()).isEqualTo(2);

        assertThat(api.post(conv(id) + "/read", member.token(), obj("seq", 1_000_000)).status()).isEqualTo(204);
        c = conversation(api, member, id);
        assertThat(c.path("last_read_seq").asLong()).isEqualTo(c.path("last_seq").asLong());
        assertThat(c.path("unread_count").asLong()).isZero();

        send(api, owner, id, "after reading");
        assertThat(conversation(api, member, id).path("unread_count").asLong()).isEqualTo(1);
        // the owner's own marker was never moved, yet their own messages are never unread
        assertThat(conversation(api, owner, id).path("unread_count").asLong()).isZero();
    }

    @Test
    void deletedMessagesAreNotCountedAsUnread() {
        Account owner = api.register("undel");
        Account member = api.register("member");
        String id = api.channel(owner, "room", "private");
        api.addMember(owner, id, member);
        send(api, owner, id, "stays");
        JsonNode gone = send(api, owner, id, "goes");
        assertThat(conversation(api, member, id).path("unread_count").asLong()).isEqualTo(2);
        assertThat(api.delete(Rest.messages(id) + "/" + gone.path("id").asText(), owner.token()).status()).isEqualTo(204);
        assertThat(conversation(api, member, id).path("unread_count").asLong()).isEqualTo(1);
    }

    private List<JsonNode> conversations(Account who) {
        List<JsonNode> out = new ArrayList<>();
        ok(api.get(V1 + "/conversations", who.token()), 200).path("conversations").forEach(out::add);
        return out;
    }
}
