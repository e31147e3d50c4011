package dev.parley.server.rest;

import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Api.Reply;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the REST tests: paths, assertions on the contract's error shape, history paging, concurrency. */
final class Rest {
    static final String V1 = "/api/v1";
    static final String PASSWORD = "correct horse";

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Rest() {
    }

    static String conv(String id) {
        return V1 + "/conversations/" + id;
    }

    static String messages(String conversationId) {
        return conv(conversationId) + "/messages";
    }

    static String channel(String id) {
        return V1 + "/channels/" + id;
    }

    /** Asserts the contract's error shape: the status, {@code error.code} and a human message. */
    static Reply assertError(Reply r, int status, String code) {
        assertThat(r.status()).as("status of %s", r.raw().body()).isEqualTo(status);
        assertThat(r.errorCode()).as("error code of %s", r.raw().body()).isEqualTo(code);
        assertThat(r.json().path("error").path("message").asText()).isNotBlank();
        return r;
    }

    static JsonNode ok(Reply r, int status) {
        assertThat(r.status()).as("status of %s", r.raw().body()).isEqualTo(status);
        return r.json();
    }

    static Account login(Api api, String username, String password, String device) {
        JsonNode j = ok(api.post(V1 + "/auth/login", null, obj("username", username, "password", password,
                "device_name", device)), 200);
        return new Account(j.path("user").path("id").asText(), j.path("user").path("username").asText(),
                j.path("token").asText(), j.path("session_id").asText());
    }

    static JsonNode conversation(Api api, Account who, String id) {
        return ok(api.get(conv(id), who.token()), 200);
    }

    static long lastSeq(Api api, Account who, String id) {
        return conversation(api, who, id).path("last_seq").asLong();
    }

    static JsonNode send(Api api, Account who, String conversationId, String content) {
        return ok(api.send(who, conversationId, content), 201);
    }

    /** A history page, parsed strictly: a key repeated anywhere (say, an author twice in {@code users}) fails. */
    static JsonNode history(Api api, Account who, String conversationId, String query) {
        Reply r = api.get(messages(conversationId) + (query.isEmpty() ? "" : "?" + query), who.token());
        ok(r, 200);
        try {
            return STRICT.readTree(r.raw().body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not strict JSON: " + r.raw().body(), e);
        }
    }

    /** Every message of a conversation, paged newest first with before_seq; checks each page's users map. */
    static List<JsonNode> allNewestFirst(Api api, Account who, String conversationId, int limit) {
        List<JsonNode> all = new ArrayList<>();
        String query = "limit=" + limit;
        while (true) {
            JsonNode page = history(api, who, conversationId, query);
            assertUsersAreExactlyAuthors(page);
            page.path("messages").forEach(all::add);
            if (!page.path("has_more").asBoolean()) {
                return all;
            }
            assertThat(page.path("messages").size()).isEqualTo(limit);
            query = "limit=" + limit + "&before_seq=" + all.get(all.size() - 1).path("seq").asLong();
        }
    }

    /** Every message of a conversation, paged oldest first with after_seq; checks each page's users map. */
    static List<JsonNode> allOldestFirst(Api api, Account who, String conversationId, int limit) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = history(api, who, conversationId, "limit=" + limit + "&after_seq=" + after);
            assertUsersAreExactlyAuthors(page);
            page.path("messages").forEach(all::add);
            if (!page.path("has_more").asBoolean()) {
                return all;
            }
            assertThat(page.path("messages").size()).isEqualTo(limit);
            after = all.get(all.size() - 1).path("seq").asLong();
        }
    }

    /** A history page's {@code users} map holds exactly the page's authors, keyed by id, each with its own id. */
    static void assertUsersAreExactlyAuthors(JsonNode page) {
        List<String> authors = new ArrayList<>();
        page.path("messages").forEach(m -> authors.add(m.path("author_id").asText()));
        List<String> keys = new ArrayList<>();
        page.path("users").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(authors.stream().distinct().toList());
        page.path("users").fields().forEachRemaining(e -> assertThat(e.getValue().path("id").asText()).isEqualTo(e.getKey()));
    }
}
