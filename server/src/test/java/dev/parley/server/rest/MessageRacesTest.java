package dev.parley.server.rest;

import dev.parley.server.support.Gw;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.history;
import static dev.parley.server.rest.Rest.messages;
import static dev.parley.server.rest.Rest.send;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Api.Reply;
import dev.parley.server.support.TestNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Edits and deletions that race a deletion of the same message: the log refuses the losers, and the edge must
 * answer them 404 not_found (never 500), whatever the order the three requests reach the node in.
 */
class MessageRacesTest {
    private static final int ROUNDS = 15;

    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("rate.limit.send.burst", "100000").with("rate.limit.send.per.second", "100000");

    private Api api;
    private Account author;
    private String channelId;

    @BeforeEach
    void setUp() {
        api = NODE.api();
        author = api.register("racer");
        channelId = api.channel(author, "races", "private");
    }

    @Test
    void anEditRacingADeleteOfTheSameMessageIsNotFoundNotInternalError() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = send(api, author, channelId, "to be edited and deleted " + round).path("id").asText();
            String path = messages(channelId) + "/" + id;
            List<Reply> replies = Gw.concurrently(3, i -> i == 2
                    ? api.delete(path, author.token())
                    : api.patch(path, author.token(), obj("content", "edit " + i)));
            assertThat(replies.get(2).status()).as("the delete %s", replies.get(2).raw().body()).isEqualTo(204);
            for (Reply edit : replies.subList(0, 2)) {
                if (edit.status() != 200) {
                    assertError(edit, 404, "not_found");
                }
            }
        }
        assertEveryMessageDeleted();
    }

    @Test
    void deletesRacingEachOtherAreNotFoundExceptTheOneThatWon() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = send(api, author, channelId, "to be deleted thrice " + round).path("id").asText();
            String path = messages(channelId) + "/" + id;
            List<Reply> replies = Gw.concurrently(3, i -> api.delete(path, author.token()));
            assertThat(replies.stream().filter(r -> r.status() == 204).count()).as("deletes that won").isEqualTo(1);
            for (Reply r : replies) {
                if (r.status() != 204) {
                    assertError(r, 404, "not_found");
                }
            }
        }
        assertEveryMessageDeleted();
    }

    private void assertEveryMessageDeleted() {
        JsonNode page = history(api, author, channelId, "limit=100");
        assertThat(page.path("messages").size()).isEqualTo(ROUNDS);
        page.path("messages").forEach(m -> assertThat(m.path("deleted").asBoolean()).as("%s", m).isTrue());
    }
}
