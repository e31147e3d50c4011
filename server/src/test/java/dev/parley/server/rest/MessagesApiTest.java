package dev.parley.server.rest;

import dev.parley.server.support.Gw;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.history;
import static dev.parley.server.rest.Rest.messages;
import static dev.parley.server.rest.Rest.ok;
import static dev.parley.server.rest.Rest.send;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Api.Reply;
import dev.parley.server.support.TestNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** History, sending, editing, deleting, replies, nonces and profiles on history pages. */
class MessagesApiTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("rate.limit.send.burst", "100000").with("rate.limit.send.per.second", "100000");

    private Api api;
    private Account owner;
    private Account member;
    private String channelId;

    @BeforeEach
    void setUp() {
        api = NODE.api();
        owner = api.register("owner");
        member = api.register("member");
        channelId = api.channel(owner, "room", "private");
        api.addMember(owner, channelId, member);
    }

    @Test
    void historyOfAConversationWithoutMessagesIsEmpty() {
        JsonNode page = history(api, owner, channelId, "");
        assertThat(page.path("messages").size()).isZero();
        assertThat(page.path("users").size()).isZero();
        assertThat(page.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void sendAnswers201WithTheStoredMessageAndHistoryShowsIt() {
        Instant before = Instant.now().minusSeconds(5);
        JsonNode m = ok(api.post(messages(channelId), member.token(), obj("content", "hello, world", "nonce", "n-1")), 201);

        assertThat(m.path("id").isTextual()).isTrue();
        assertThat(m.path("conversation_id").asText()).isEqualTo(channelId);
        assertThat(m.path("seq").asLong()).isEqualTo(2);
        assertThat(m.path("author_id").asText()).isEqualTo(member.id());
        assertThat(m.path("content").asText()).isEqualTo("hello, world");
        assertThat(Instant.parse(m.path("created_at").asText())).isAfter(before);
        assertThat(m.path("edited_at").isNull() || m.path("edited_at").isMissingNode()).isTrue();
        assertThat(m.path("deleted").asBoolean()).isFalse();
        assertThat(m.path("reply_to").isNull() || m.path("reply_to").isMissingNode()).isTrue();
        assertThat(m.path("nonce").asText()).isEqualTo("n-1");

        JsonNode page = history(api, owner, channelId, "");
        assertThat(page.path("messages").size()).isEqualTo(1);
        assertThat(page.path("messages").get(0)).isEqualTo(m);
        assertThat(page.path("users").path(member.id()).path("username").asText()).isEqualTo(member.username());
        assertThat(Rest.lastSeq(api, owner, channelId)).isEqualTo(2);
    }

    @Test
    void historyIsNewestFirstByDefaultAndWithBeforeSeqAndOldestFirstWithAfterSeq() {
        long[] seqs = new long[7];
        for (int i = 0; i < 7; i++) {
            seqs[i] = send(api, i % 2 == 0 ? owner : member, channelId, "m" + i).path("seq").asLong();
        }
        JsonNode newest = history(api, owner, channelId, "limit=3");
        assertThat(seqsOf(newest)).containsExactly(seqs[6], seqs[5], seqs[4]);
        assertThat(newest.path("has_more").asBoolean()).isTrue();

        JsonNode before = history(api, owner, channelId, "limit=3&before_seq=" + seqs[4]);
        assertThat(seqsOf(before)).containsExactly(seqs[3], seqs[2], seqs[1]);
        assertThat(before.path("has_more").asBoolean()).isTrue();
        JsonNode rest = history(api, owner, channelId, "limit=3&before_seq=" + seqs[1]);
        assertThat(seqsOf(rest)).containsExactly(seqs[0]);
        assertThat(rest.path("has_more").asBoolean()).isFalse();

        JsonNode after = history(api, owner, channelId, "limit=4&after_seq=" + seqs[1]);
        assertThat(seqsOf(after)).containsExactly(seqs[2], seqs[3], seqs[4], seqs[5]);
        assertThat(after.path("has_more").asBoolean()).isTrue();
        JsonNode tail = history(api, owner, channelId, "after_seq=" + seqs[5]);
        assertThat(seqsOf(tail)).containsExactly(seqs[6]);
        assertThat(tail.path("has_more").asBoolean()).isFalse();

        JsonNode all = history(api, owner, channelId, "");
        assertThat(all.path("messages").size()).isEqualTo(7);
        Rest.assertUsersAreExactlyAuthors(all);
        assertThat(all.path("users").size()).isEqualTo(2);
    }

    @Test
    void anAuthorEditsTheirMessageKeepingItsSeqAndEditedAtIsSet() {
        JsonNode m = send(api, member, channelId, "frist");
        JsonNode edited = ok(api.patch(messages(channelId) + "/" + m.path("id").asText(), member.token(),
                obj("content", "first")), 200);

        assertThat(edited.path("id").asText()).isEqualTo(m.path("id").asText());
        assertThat(edited.path("seq").asLong()).isEqualTo(m.path("seq").asLong());
        assertThat(edited.path("content").asText()).isEqualTo("first");
        assertThat(Instant.parse(edited.path("edited_at").asText()))
                .isAfterOrEqualTo(Instant.parse(m.path("created_at").asText()));
        assertThat(edited.path("created_at")).isEqualTo(m.path("created_at"));

        JsonNode page = history(api, owner, channelId, "");
        assertThat(page.path("messages").size()).isEqualTo(1);
        assertThat(page.path("messages").get(0)).isEqualTo(edited);
        // the edit is a log event of its own
        assertThat(Rest.lastSeq(api, owner, channelId)).isEqualTo(m.path("seq").asLong() + 1);
    }

    @Test
    void anAuthorDeletesTheirMessageWhichKeepsItsIdAndSeqWithEmptyContent() {
        JsonNode m = send(api, member, channelId, "oops");
        JsonNode kept = send(api, member, channelId, "kept");

        assertThat(api.delete(messages(channelId) + "/" + m.path("id").asText(), member.token()).status()).isEqualTo(204);

        JsonNode page = history(api, owner, channelId, "");
        assertThat(page.path("messages").size()).isEqualTo(2);
        JsonNode gone = page.path("messages").get(1);
        assertThat(gone.path("id").asText()).isEqualTo(m.path("id").asText());
        assertThat(gone.path("seq").asLong()).isEqualTo(m.path("seq").asLong());
        assertThat(gone.path("deleted").asBoolean()).isTrue();
        assertThat(gone.path("content").asText()).isEmpty();
        assertThat(page.path("messages").get(0)).isEqualTo(kept);
        assertThat(Rest.lastSeq(api, owner, channelId)).isEqualTo(kept.path("seq").asLong() + 1);

        // a deleted message can be neither edited nor deleted again
        assertError(api.patch(messages(channelId) + "/" + m.path("id").asText(), member.token(), obj("content", "x")),
                404, "not_found");
        assertError(api.delete(messages(channelId) + "/" + m.path("id").asText(), member.token()), 404, "not_found");
        assertThat(Rest.lastSeq(api, owner, channelId)).isEqualTo(kept.path("seq").asLong() + 1);
    }

    @Test
    void theChannelOwnerMayDeleteAnyonesMessage() {
        JsonNode m = send(api, member, channelId, "rude");
        assertThat(api.delete(messages(channelId) + "/" + m.path("id").asText(), owner.token()).status()).isEqualTo(204);
        assertThat(history(api, member, channelId, "").path("messages").get(0).path("deleted").asBoolean()).isTrue();
    }

    @Test
    void aReplyPointsAtAnEarlierMessageOfTheSameConversation() {
        JsonNode original = send(api, owner, channelId, "question?");
        JsonNode reply = ok(api.post(messages(channelId), member.token(),
                obj("content", "answer", "reply_to", original.path("id").asText())), 201);
        assertThat(reply.path("reply_to").asText()).isEqualTo(original.path("id").asText());
        assertThat(history(api, owner, channelId, "").path("messages").get(0)).isEqualTo(reply);
    }

    @Test
    void repeatingANonceSequentiallyStoresOneMessageAndAnswersTheSame() {
        Reply first = api.post(messages(channelId), member.token(), obj("content", "once", "nonce", "abc-123"));
        Reply second = api.post(messages(channelId), member.token(), obj("content", "once", "nonce", "abc-123"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(first.status());
        assertThat(second.json()).isEqualTo(first.json());
        JsonNode page = history(api, owner, channelId, "");
        assertThat(page.path("messages").size()).isEqualTo(1);
        assertThat(page.path("messages").get(0)).isEqualTo(first.json());
        assertThat(Rest.lastSeq(api, owner, channelId)).isEqualTo(first.json().path("seq").asLong());
    }

    @Test
    void repeatingANonceConcurrentlyStoresOneMessageAndEveryAnswerIsIdentical() throws Exception {
        for (int round = 0; round < 5; round++) {
            String nonce = "burst-" + round;
            List<Reply> replies = Gw.concurrently(6, i ->
                    api.post(messages(channelId), member.token(), obj("content", "only once " + nonce, "nonce", nonce)));
            assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.raw().body()).isEqualTo(201));
            assertThat(replies).extracting(r -> r.json()).containsOnly(replies.get(0).json());
        }
        JsonNode page = history(api, owner, channelId, "");
        assertThat(page.path("messages").size()).isEqualTo(5);
        assertThat(Rest.lastSeq(api, owner, channelId)).isEqualTo(1 + 5);
    }

    @Test
    void theSameNonceFromTwoAuthorsMakesTwoMessages() {
        JsonNode a = ok(api.post(messages(channelId), member.token(), obj("content", "a", "nonce", "shared")), 201);
        JsonNode b = ok(api.post(messages(channelId), owner.token(), obj("content", "b", "nonce", "shared")), 201);
        assertThat(b.path("id").asText()).isNotEqualTo(a.path("id").asText());
        assertThat(history(api, owner, channelId, "").path("messages").size()).isEqualTo(2);
    }

    @Test
    void oldHistoryShowsTheAuthorsCurrentDisplayNameAndAvatar() {
        JsonNode old = send(api, member, channelId, "written under my old name");
        for (int i = 0; i < 3; i++) {
            send(api, owner, channelId, "filler " + i);
        }
        String query = "limit=2&after_seq=" + (old.path("seq").asLong() - 1);
        JsonNode before = history(api, owner, channelId, query);
        assertThat(before.path("users").path(member.id()).path("display_name").asText()).isEqualTo(member.username());

        ok(api.patch("/api/v1/users/me", member.token(),
                obj("display_name", "New Me", "avatar_url", "https://cdn.example.org/me.png")), 200);

        JsonNode after = history(api, owner, channelId, query);
        assertThat(after.path("messages").get(0).path("id").asText()).isEqualTo(old.path("id").asText());
        JsonNode author = after.path("users").path(member.id());
        assertThat(author.path("display_name").asText()).isEqualTo("New Me");
        assertThat(author.path("avatar_url").asText()).isEqualTo("https://cdn.example.org/me.png");
        JsonNode asSeenByAuthor = history(api, member, channelId, "before_seq=" + (old.path("seq").asLong() + 1));
        assertThat(asSeenByAuthor.path("users").path(member.id()).path("display_name").asText()).isEqualTo("New Me");
    }

    private static List<Long> seqsOf(JsonNode page) {
        List<Long> out = new java.util.ArrayList<>();
        page.path("messages").forEach(m -> out.add(m.path("seq").asLong()));
        return out;
    }
}
