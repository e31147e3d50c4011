package dev.parley.server.rest;

import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.channel;
import static dev.parley.server.rest.Rest.conv;
import static dev.parley.server.rest.Rest.messages;
import static dev.parley.server.rest.Rest.ok;
import static dev.parley.server.rest.Rest.send;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /conversations/{id}/events: the log as gateway frames, paged, for members only. */
class EventsApiTest {
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
        channelId = api.channel(owner, "room", "public");
    }

    private static String events(String conversationId) {
        return conv(conversationId) + "/events";
    }

    @Test
    void everyKindOfEventIsServedAsTheFrameTheGatewaySendsInSeqOrder() {
        Account watcher = api.register("watcher");
        api.addMember(owner, channelId, watcher);
        List<JsonNode> live;
        try (Ws ws = Ws.connect(NODE.baseUrl(), watcher.token())) {
            ok(api.post(channel(channelId) + "/join", member.token(), null), 200);
            JsonNode first = send(api, member, channelId, "first");
            JsonNode second = send(api, member, channelId, "second");
            ok(api.patch(messages(channelId) + "/" + first.path("id").asText(), member.token(), obj("content", "edited")), 200);
            assertThat(api.delete(messages(channelId) + "/" + second.path("id").asText(), member.token()).status()).isEqualTo(204);
            ok(api.patch(channel(channelId), owner.token(), obj("name", "renamed", "topic", "new topic")), 200);
            assertThat(api.delete(channel(channelId) + "/members/" + member.id(), owner.token()).status()).isEqualTo(204);
            long last = Rest.lastSeq(api, owner, channelId);
            ws.next(f -> f.path("seq").asLong() == last, "the last event live");
            live = ws.drainAll().stream().filter(f -> f.has("seq") && f.path("seq").asLong() > 1).toList();
        }

        JsonNode page = ok(api.get(events(channelId) + "?after_seq=1", owner.token()), 200);

        assertThat(page.path("has_more").asBoolean()).isFalse();
        List<JsonNode> served = new ArrayList<>();
        page.path("events").forEach(served::add);
        assertThat(served).extracting(e -> e.path("op").asText()).containsExactly(
                "MEMBER_ADD", "MESSAGE_CREATE", "MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE",
                "CONVERSATION_UPDATE", "MEMBER_REMOVE");
        assertThat(served).extracting(e -> e.path("seq").asLong()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(served).allSatisfy(e -> assertThat(e.path("conversation_id").asText()).isEqualTo(channelId));
        assertThat(served.get(0).path("d").path("user").path("id").asText()).isEqualTo(member.id());
        assertThat(served.get(1).path("d").path("message").path("content").asText())
                .as("messages in their current state").isEqualTo("edited");
        assertThat(served.get(4).path("d").path("message_id").asText()).isEqualTo(served.get(2).path("d").path("message").path("id").asText());
        assertThat(served.get(5).path("d").path("conversation").path("name").asText()).isEqualTo("renamed");
        assertThat(served.get(5).path("d").path("conversation").path("topic").asText()).isEqualTo("new topic");
        // the same frames a live member received (messages aside, which show their state at the time)
        for (int i = 0; i < served.size(); i++) {
            if (!served.get(i).path("op").asText().startsWith("MESSAGE")) {
                assertThat(served.get(i)).isEqualTo(live.get(i));
            }
        }
    }

    @Test
    void theLogIsPagedOldestFirstFromTheCursor() {
        api.addMember(owner, channelId, member);
        for (int i = 0; i < 250; i++) {
            send(api, member, channelId, "m" + i);
        }
        List<Long> seqs = new ArrayList<>();
        long after = 0;
        boolean more = true;
        int pages = 0;
        while (more) {
            JsonNode page = ok(api.get(events(channelId) + "?after_seq=" + after, member.token()), 200);
            page.path("events").forEach(e -> seqs.add(e.path("seq").asLong()));
            assertThat(page.path("events").size()).isLessThanOrEqualTo(100);
            after = seqs.get(seqs.size() - 1);
            more = page.path("has_more").asBoolean();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seqs).hasSize(251).isSorted().doesNotHaveDuplicates();
        assertThat(seqs.get(0)).isEqualTo(1);

        JsonNode limited = ok(api.get(events(channelId) + "?after_seq=10&limit=5", member.token()), 200);
        assertThat(limited.path("events")).extracting(e -> e.path("seq").asLong()).containsExactly(11L, 12L, 13L, 14L, 15L);
        assertThat(limited.path("has_more").asBoolean()).isTrue();
        JsonNode end = ok(api.get(events(channelId) + "?after_seq=251", member.token()), 200);
        assertThat(end.path("events").size()).isZero();
        assertThat(end.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void onlyMembersReadTheLogOthersGetNotFoundAsForAMissingConversation() {
        send(api, owner, channelId, "members only");
        Account outsider = api.register("outsider");

        assertError(api.get(events(channelId), outsider.token()), 404, "not_found");
        assertError(api.get(events("4242424242"), outsider.token()), 404, "not_found");
        assertError(api.get(events(channelId), null), 401, "unauthorized");
        assertThat(ok(api.get(events(channelId), owner.token()), 200).path("events").size()).isEqualTo(1);
    }

    @Test
    void badCursorsAndLimitsAreInvalidRequests() {
        for (String query : List.of("?after_seq=-1", "?after_seq=abc", "?after_seq=1.5", "?after_seq=99999999999999999999",
                "?limit=0", "?limit=101", "?limit=-3", "?limit=x")) {
            assertError(api.get(events(channelId) + query, owner.token()), 400, "invalid_request");
        }
        assertError(api.get(V1 + "/conversations/not-an-id/events", owner.token()), 400, "invalid_request");
    }
}
