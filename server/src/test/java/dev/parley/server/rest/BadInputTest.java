package dev.parley.server.rest;

import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.channel;
import static dev.parley.server.rest.Rest.conv;
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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input of every kind gets the contract's error code and changes nothing. */
class BadInputTest {
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

    private static String prefix() {
        return "bad" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private int usersStartingWith(String prefix) {
        return ok(api.get(V1 + "/users/search?q=" + prefix + "&limit=100", owner.token()), 200).path("users").size();
    }

    private Reply register(Object body) {
        return api.post(V1 + "/auth/register", null, body);
    }

    private Reply post(String content) {
        return api.post(messages(channelId), member.token(), obj("content", content));
    }

    /** The channel's history is still empty and its log has not moved past the member's join. */
    private void assertNoMessageStored() {
        JsonNode page = history(api, owner, channelId, "");
        assertThat(page.path("messages").size()).isZero();
        assertThat(Rest.lastSeq(api, owner, channelId)).isEqualTo(1);
    }

    // ---- JSON itself ----

    @Test
    void malformedJsonIsMalformedJsonEverywhereAndStoresNothing() {
        String p = prefix();
        for (String broken : List.of("{", "{\"username\": ", "not json", "{\"username\": \"" + p + "\",}", "{'a': 1}")) {
            assertError(api.post(V1 + "/auth/register", null, broken), 400, "malformed_json");
            assertError(api.post(messages(channelId), member.token(), broken), 400, "malformed_json");
            assertError(api.patch(V1 + "/users/me", member.token(), broken), 400, "malformed_json");
            assertError(api.post(V1 + "/channels", member.token(), broken), 400, "malformed_json");
        }
        assertError(api.call("POST", messages(channelId), member.token(), null), 400, "malformed_json");
        assertThat(usersStartingWith(p)).isZero();
        assertNoMessageStored();
        assertThat(ok(api.get(V1 + "/users/me", member.token()), 200).path("display_name").asText()).isEqualTo(member.username());
    }

    @Test
    void aBodyThatIsNotAnObjectIsInvalidRequest() {
        for (String body : List.of("[]", "[{\"content\": \"hi\"}]", "\"hi\"", "42", "null", "true")) {
            Reply r = api.post(messages(channelId), member.token(), body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.errorCode()).as(body).isIn("invalid_request", "malformed_json");
        }
        assertError(api.post(messages(channelId), member.token(), "[]"), 400, "invalid_request");
        assertNoMessageStored();
    }

    @Test
    void wrongTypesAreInvalidRequestAndStoreNothing() {
        String p = prefix();
        assertError(register(obj("username", 12345, "password", "long enough")), 400, "invalid_request");
        assertError(register(obj("username", p, "password", 12345678)), 400, "invalid_request");
        assertError(register(obj("username", List.of(p), "password", "long enough")), 400, "invalid_request");
        assertError(register(obj("username", p, "password", "long enough", "display_name", false)), 400, "invalid_request");
        assertThat(usersStartingWith(p)).isZero();

        assertError(api.post(messages(channelId), member.token(), obj("content", 42)), 400, "invalid_request");
        assertError(api.post(messages(channelId), member.token(), obj("content", List.of("a"))), 400, "invalid_request");
        assertError(api.post(messages(channelId), member.token(), obj("content", obj("text", "a"))), 400, "invalid_request");
        assertError(api.post(messages(channelId), member.token(), obj("content", "ok", "nonce", 7)), 400, "invalid_request");
        assertError(api.post(messages(channelId), member.token(), obj("content", "ok", "reply_to", true)), 400, "invalid_request");
        assertError(api.post(messages(channelId), member.token(), obj("content", "ok", "reply_to", "abc")), 400, "invalid_request");
        assertError(api.post(messages(channelId), member.token(), obj("content", "ok", "reply_to", 1.5)), 400, "invalid_request");
        assertNoMessageStored();

        assertError(api.patch(V1 + "/users/me", member.token(), obj("display_name", 5)), 400, "invalid_request");
        assertError(api.patch(V1 + "/users/me", member.token(), obj("status_text", List.of())), 400, "invalid_request");
        assertError(api.patch(V1 + "/users/me", member.token(), obj("avatar_url", 1)), 400, "invalid_request");
        assertProfileUnchanged(member);

        assertError(api.post(conv(channelId) + "/read", member.token(), obj("seq", "abc")), 400, "invalid_request");
        assertError(api.post(conv(channelId) + "/read", member.token(), obj("seq", -1)), 400, "invalid_request");
        assertError(api.post(conv(channelId) + "/read", member.token(), obj("seq", List.of(1))), 400, "invalid_request");
        assertError(api.post(V1 + "/dms", member.token(), obj("username", 7)), 400, "invalid_request");
        assertError(api.post(V1 + "/channels", member.token(), obj("name", 7, "visibility", "public")), 400, "invalid_request");
        assertError(api.patch(channel(channelId), owner.token(), obj("name", 7)), 400, "invalid_request");
        assertChannelUnchanged();
    }

    @Test
    void missingRequiredFieldsAreInvalidRequestAndStoreNothing() {
        String p = prefix();
        assertError(register(obj("password", "long enough")), 400, "invalid_request");
        assertError(register(obj("username", p)), 400, "invalid_request");
        assertError(register(obj("username", p, "password", null)), 400, "invalid_request");
        assertThat(usersStartingWith(p)).isZero();
        assertError(api.post(V1 + "/auth/login", null, obj("username", owner.username())), 400, "invalid_request");

        assertError(api.post(messages(channelId), member.token(), obj("nonce", "x")), 400, "invalid_request");
        assertError(api.post(messages(channelId), member.token(), obj("content", null)), 400, "invalid_request");
        assertError(api.post(messages(channelId), member.token(), obj()), 400, "invalid_request");
        assertNoMessageStored();

        assertError(api.post(conv(channelId) + "/read", member.token(), obj()), 400, "invalid_request");
        assertError(api.post(V1 + "/dms", member.token(), obj()), 400, "invalid_request");
        String name = prefix();
        assertError(api.post(V1 + "/channels", member.token(), obj("name", name)), 400, "invalid_request");
        assertError(api.post(V1 + "/channels", member.token(), obj("visibility", "public")), 400, "invalid_request");
        assertError(api.post(V1 + "/channels", member.token(), obj("name", name, "visibility", "secret")), 400, "invalid_request");
        assertError(api.post(V1 + "/channels", member.token(), obj("name", "   ", "visibility", "public")), 400, "invalid_request");
        assertThat(ok(api.get(V1 + "/conversations", member.token()), 200).path("conversations").size()).isEqualTo(1);
        assertThat(ok(api.get(V1 + "/channels/public?q=" + name, member.token()), 200).path("channels").size()).isZero();
        String existing = send(api, member, channelId, "target").path("id").asText();
        assertError(api.patch(messages(channelId) + "/" + existing, member.token(), obj()), 400, "invalid_request");
        assertThat(history(api, owner, channelId, "").path("messages").get(0).path("content").asText()).isEqualTo("target");
    }

    // ---- ids ----

    @Test
    void unknownIdsAreNotFound() {
        String unknown = "9223372036854775807";
        assertError(api.get(conv(unknown), owner.token()), 404, "not_found");
        assertError(api.get(messages(unknown), owner.token()), 404, "not_found");
        assertError(api.post(messages(unknown), owner.token(), obj("content", "hi")), 404, "not_found");
        assertError(api.patch(messages(channelId) + "/" + unknown, owner.token(), obj("content", "hi")), 404, "not_found");
        assertError(api.delete(messages(channelId) + "/" + unknown, owner.token()), 404, "not_found");
        assertError(api.post(conv(unknown) + "/read", owner.token(), obj("seq", 1)), 404, "not_found");
        assertError(api.patch(channel(unknown), owner.token(), obj("name", "x")), 404, "not_found");
        assertError(api.delete(channel(unknown), owner.token()), 404, "not_found");
        assertError(api.post(channel(unknown) + "/join", owner.token(), null), 404, "not_found");
        assertError(api.post(channel(unknown) + "/leave", owner.token(), null), 404, "not_found");
        assertError(api.get(channel(unknown) + "/members", owner.token()), 404, "not_found");
        assertError(api.put(channel(channelId) + "/members/" + unknown, owner.token()), 404, "not_found");
        assertError(api.get(V1 + "/users/" + unknown, owner.token()), 404, "not_found");
        assertError(api.delete(V1 + "/auth/sessions/" + unknown, owner.token()), 404, "not_found");
        assertError(api.get(V1 + "/no/such/endpoint", owner.token()), 404, "not_found");
        assertThat(Rest.conversation(api, owner, channelId).path("member_count").asInt()).isEqualTo(2);
        assertNoMessageStored();
    }

    @Test
    void aMessageOfAnotherConversationIsNotFoundThroughThisOne() {
        String other = api.channel(owner, "other", "private");
        String foreign = send(api, owner, other, "elsewhere").path("id").asText();
        assertError(api.patch(messages(channelId) + "/" + foreign, owner.token(), obj("content", "moved")), 404, "not_found");
        assertError(api.delete(messages(channelId) + "/" + foreign, owner.token()), 404, "not_found");
        JsonNode kept = history(api, owner, other, "").path("messages").get(0);
        assertThat(kept.path("content").asText()).isEqualTo("elsewhere");
        assertThat(kept.path("deleted").asBoolean()).isFalse();
    }

    @Test
    void nonNumericIdsAreInvalidRequest() {
        for (String bad : List.of("abc", "-1", "1.5", "12abc", "99999999999999999999", "%20")) {
            assertError(api.get(conv(bad), owner.token()), 400, "invalid_request");
            assertError(api.get(messages(bad), owner.token()), 400, "invalid_request");
            assertError(api.post(messages(bad), owner.token(), obj("content", "hi")), 400, "invalid_request");
            assertError(api.patch(messages(channelId) + "/" + bad, owner.token(), obj("content", "hi")), 400, "invalid_request");
            assertError(api.delete(messages(channelId) + "/" + bad, owner.token()), 400, "invalid_request");
            assertError(api.post(conv(bad) + "/read", owner.token(), obj("seq", 1)), 400, "invalid_request");
            assertError(api.patch(channel(bad), owner.token(), obj("name", "x")), 400, "invalid_request");
            assertError(api.delete(channel(bad), owner.token()), 400, "invalid_request");
            assertError(api.post(channel(bad) + "/join", owner.token(), null), 400, "invalid_request");
            assertError(api.post(channel(bad) + "/leave", owner.token(), null), 400, "invalid_request");
            assertError(api.get(channel(bad) + "/members", owner.token()), 400, "invalid_request");
            assertError(api.put(channel(channelId) + "/members/" + bad, owner.token()), 400, "invalid_request");
            assertError(api.delete(channel(channelId) + "/members/" + bad, owner.token()), 400, "invalid_request");
            assertError(api.get(V1 + "/users/" + bad, owner.token()), 400, "invalid_request");
            assertError(api.delete(V1 + "/auth/sessions/" + bad, owner.token()), 400, "invalid_request");
        }
        assertThat(Rest.conversation(api, owner, channelId).path("member_count").asInt()).isEqualTo(2);
        assertNoMessageStored();
    }

    @Test
    void badPagingParametersAreInvalidRequest() {
        for (String q : List.of("limit=0", "limit=101", "limit=-5", "limit=ten", "before_seq=abc", "after_seq=-1",
                "before_seq=5&after_seq=1")) {
            assertError(api.get(messages(channelId) + "?" + q, owner.token()), 400, "invalid_request");
        }
        assertError(api.get(channel(channelId) + "/members?limit=0", owner.token()), 400, "invalid_request");
        assertError(api.get(channel(channelId) + "/members?cursor=garbage", owner.token()), 400, "invalid_request");
        assertError(api.get(V1 + "/channels/public?limit=1000", owner.token()), 400, "invalid_request");
        assertError(api.get(V1 + "/channels/public?cursor=garbage", owner.token()), 400, "invalid_request");
        assertThat(history(api, owner, channelId, "limit=100").path("messages").size()).isZero();
    }

    // ---- message content ----

    @Test
    void emptyAndBlankContentIsContentEmptyAndStoresNothing() {
        for (String blank : List.of("", " ", "   \n\t  ", "\u2003\u2002")) {
            assertError(post(blank), 400, "content_empty");
        }
        assertNoMessageStored();
    }

    @Test
    void contentOf10000CharactersIsAcceptedAnd10001IsContentTooLong() {
        assertError(post("x".repeat(10_001)), 400, "content_too_long");
        String emoji = "\uD83D\uDE00";
        assertError(post(emoji.repeat(10_001)), 400, "content_too_long");
        assertNoMessageStored();

        JsonNode longest = ok(post("y".repeat(10_000)), 201);
        assertThat(longest.path("content").asText()).hasSize(10_000);
        // 10,000 characters, not 10,000 UTF-16 units: astral characters count once each
        JsonNode smileys = ok(post(emoji.repeat(10_000)), 201);
        assertThat(smileys.path("content").asText()).isEqualTo(emoji.repeat(10_000));

        JsonNode page = history(api, owner, channelId, "");
        assertThat(page.path("messages").size()).isEqualTo(2);
        assertThat(page.path("messages").get(1).path("content").asText()).isEqualTo("y".repeat(10_000));
        assertThat(page.path("messages").get(0).path("content").asText()).isEqualTo(emoji.repeat(10_000));
    }

    @Test
    void editingToEmptyOrTooLongContentIsRefusedAndKeepsTheMessage() {
        JsonNode m = send(api, member, channelId, "original");
        String path = messages(channelId) + "/" + m.path("id").asText();
        assertError(api.patch(path, member.token(), obj("content", "  ")), 400, "content_empty");
        assertError(api.patch(path, member.token(), obj("content", "z".repeat(10_001))), 400, "content_too_long");
        assertError(api.patch(path, member.token(), obj("content", 3)), 400, "invalid_request");
        JsonNode stored = history(api, owner, channelId, "").path("messages").get(0);
        assertThat(stored).isEqualTo(m);
        assertThat(Rest.lastSeq(api, owner, channelId)).isEqualTo(m.path("seq").asLong());
    }

    @Test
    void aReplyToAMessageOfAnotherConversationOrToNoMessageIsInvalidReplyTo() {
        String other = api.channel(member, "elsewhere", "private");
        String foreign = send(api, member, other, "over there").path("id").asText();

        assertError(api.post(messages(channelId), member.token(), obj("content", "re", "reply_to", foreign)),
                400, "invalid_reply_to");
        assertError(api.post(messages(channelId), member.token(), obj("content", "re", "reply_to", "123456789")),
                400, "invalid_reply_to");
        assertNoMessageStored();
    }

    @Test
    void anOverLargeBodyIsPayloadTooLargeAndStoresNothing() {
        String big = "{\"content\": \"" + "a".repeat(70_000) + "\"}";
        assertError(api.post(messages(channelId), member.token(), big), 413, "payload_too_large");
        String p = prefix();
        String bigRegister = "{\"username\": \"" + p + "\", \"password\": \"long enough\", \"display_name\": \""
                + "b".repeat(66_000) + "\"}";
        assertError(api.post(V1 + "/auth/register", null, bigRegister), 413, "payload_too_large");
        assertNoMessageStored();
        assertThat(usersStartingWith(p)).isZero();
        // the node still serves requests normally
        assertThat(send(api, member, channelId, "still fine").path("content").asText()).isEqualTo("still fine");
    }

    @Test
    void aBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsPayloadTooLarge() {
        String head = "{\"content\": \"at the limit\", \"padding\": \"";
        String tail = "\"}";
        String atLimit = head + "p".repeat(65_536 - head.length() - tail.length()) + tail;
        assertThat(atLimit.length()).isEqualTo(65_536);
        String overLimit = head + "p".repeat(65_537 - head.length() - tail.length()) + tail;

        assertError(api.post(messages(channelId), member.token(), overLimit), 413, "payload_too_large");
        assertNoMessageStored();
        JsonNode m = ok(api.post(messages(channelId), member.token(), atLimit), 201);
        assertThat(m.path("content").asText()).isEqualTo("at the limit");
        assertThat(m.has("padding")).isFalse();
    }

    @Test
    void anEmptyOrOverLongNonceIsInvalidRequest() {
        assertError(api.post(messages(channelId), member.token(), obj("content", "hi", "nonce", "")), 400, "invalid_request");
        assertError(api.post(messages(channelId), member.token(), obj("content", "hi", "nonce", "n".repeat(65))),
                400, "invalid_request");
        assertNoMessageStored();
        assertThat(ok(api.post(messages(channelId), member.token(), obj("content", "hi", "nonce", "n".repeat(64))), 201)
                .path("nonce").asText()).hasSize(64);
    }

    @Test
    void unusualButValidContentIsStoredExactly() {
        List<String> contents = List.of("nul \u0000 inside", "  leading and trailing  ", "line\nbreaks\r\nand\ttabs",
                "\u05e9\u05dc\u05d5\u05dd \u4f60\u597d \uD83D\uDC4D\uD83C\uDFFD", "<script>alert(1)</script>", "'; DROP TABLE messages; --",
                "\"quoted\" \\ backslash", "\u200b");
        for (String content : contents) {
            assertThat(send(api, member, channelId, content).path("content").asText()).isEqualTo(content);
        }
        List<String> stored = new java.util.ArrayList<>();
        history(api, owner, channelId, "after_seq=0").path("messages").forEach(m -> stored.add(m.path("content").asText()));
        assertThat(stored).containsExactlyElementsOf(contents);
    }

    @Test
    void likeWildcardsInSearchesMatchOnlyThemselves() {
        Account a = api.register("wild");
        assertThat(ok(api.get(V1 + "/users/search?q=%25", a.token()), 200).path("users").size()).isZero();
        assertThat(ok(api.get(V1 + "/users/search?q=wil_", a.token()), 200).path("users").size()).isZero();
        ok(api.get(V1 + "/users/search?q=wild_", a.token()), 200).path("users")
                .forEach(u -> assertThat(u.path("username").asText()).startsWith("wild_"));
        api.channel(a, "100% real", "public");
        api.channel(a, "1000 real", "public");
        JsonNode found = ok(api.get(V1 + "/channels/public?q=0%25", a.token()), 200);
        assertThat(found.path("channels").size()).isEqualTo(1);
        assertThat(found.path("channels").get(0).path("name").asText()).isEqualTo("100% real");
    }

    @Test
    void anInvalidEmailIsInvalidRequestAndCreatesNobody() {
        String p = prefix();
        for (String bad : List.of("no-at-sign", "@example.org", "someone@", "some one@example.org")) {
            assertError(register(obj("username", p, "password", "long enough", "email", bad)), 400, "invalid_request");
        }
        assertThat(usersStartingWith(p)).isZero();
    }

    @Test
    void channelNamesAndTopicsOutsideTheirLimitsAreInvalidRequest() {
        String tag = prefix();
        assertError(api.post(V1 + "/channels", member.token(), obj("name", tag + "n".repeat(101 - tag.length()),
                "visibility", "public")), 400, "invalid_request");
        assertError(api.post(V1 + "/channels", member.token(), obj("name", tag, "topic", "t".repeat(1025),
                "visibility", "public")), 400, "invalid_request");
        assertThat(ok(api.get(V1 + "/channels/public?q=" + tag, member.token()), 200).path("channels").size()).isZero();
        assertError(api.patch(channel(channelId), owner.token(), obj("name", "n".repeat(101))), 400, "invalid_request");
        assertError(api.patch(channel(channelId), owner.token(), obj("topic", "t".repeat(1025))), 400, "invalid_request");
        assertChannelUnchanged();

        JsonNode widest = ok(api.post(V1 + "/channels", member.token(), obj("name", tag + "n".repeat(100 - tag.length()),
                "topic", "t".repeat(1024), "visibility", "public")), 201);
        assertThat(widest.path("name").asText()).hasSize(100);
        assertThat(widest.path("topic").asText()).hasSize(1024);
    }

    // ---- accounts and profiles ----

    @Test
    void aTakenUsernameIsUsernameTakenWhateverItsCase() {
        String name = prefix();
        ok(register(obj("username", name, "password", "long enough")), 201);
        assertError(register(obj("username", name, "password", "another one")), 409, "username_taken");
        assertError(register(obj("username", name.toUpperCase(), "password", "another one")), 409, "username_taken");
        String mixed = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        assertError(register(obj("username", mixed, "password", "another one")), 409, "username_taken");
        assertThat(usersStartingWith(name)).isEqualTo(1);
        // the original's password still works; the refused ones do not
        Rest.login(api, name, "long enough", "check");
        assertError(api.post(V1 + "/auth/login", null, obj("username", name, "password", "another one")),
                401, "invalid_credentials");
    }

    @Test
    void aliceAndAliceAreTheSameUsername() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        ok(register(obj("username", "Alice" + suffix, "password", "long enough")), 201);
        assertError(register(obj("username", "alice" + suffix, "password", "long enough")), 409, "username_taken");
        assertThat(usersStartingWith("alice" + suffix)).isEqualTo(1);
    }

    @Test
    void invalidUsernamesAreInvalidUsernameAndCreateNobody() {
        String p = prefix();
        for (String bad : List.of("a", p + "x".repeat(32), p + " space", p + "-dash", p + "é", p + "!", "", "  ", p + "\n")) {
            assertError(register(obj("username", bad, "password", "long enough")), 400, "invalid_username");
        }
        assertThat(usersStartingWith(p)).isZero();
        ok(register(obj("username", p + "_ok.2", "password", "long enough")), 201);
        assertThat(usersStartingWith(p)).isEqualTo(1);
    }

    @Test
    void invalidPasswordsAreInvalidPasswordAndCreateNobody() {
        String p = prefix();
        for (String bad : List.of("", "short", "7chars!", "x".repeat(257))) {
            assertError(register(obj("username", p, "password", bad)), 400, "invalid_password");
        }
        assertThat(usersStartingWith(p)).isZero();
        ok(register(obj("username", p, "password", "8 chars!")), 201);
        assertThat(usersStartingWith(p)).isEqualTo(1);
    }

    @Test
    void anInvalidAvatarUrlIsInvalidAvatarUrlAndLeavesTheProfile() {
        ok(api.patch(V1 + "/users/me", member.token(), obj("avatar_url", "https://example.org/ok.png")), 200);
        JsonNode before = ok(api.get(V1 + "/users/me", member.token()), 200);
        for (String bad : List.of("javascript:alert(1)", "JavaScript:alert(document.cookie)", "ftp://example.org/a.png",
                "/relative/a.png", "a.png", "//example.org/a.png", "data:image/png;base64,AAAA", "http://",
                "https://exa mple.org/a.png", "file:///etc/passwd")) {
            assertError(api.patch(V1 + "/users/me", member.token(), obj("avatar_url", bad, "display_name", "Changed")),
                    400, "invalid_avatar_url");
        }
        assertThat(ok(api.get(V1 + "/users/me", member.token()), 200)).isEqualTo(before);
    }

    @Test
    void invalidProfileFieldsAreRefusedAndLeaveTheProfile() {
        assertError(api.patch(V1 + "/users/me", member.token(), obj("display_name", "   ")), 400, "invalid_request");
        assertError(api.patch(V1 + "/users/me", member.token(), obj("display_name", "d".repeat(65))), 400, "invalid_request");
        assertError(api.patch(V1 + "/users/me", member.token(), obj("status_text", "s".repeat(129), "display_name", "X")),
                400, "invalid_request");
        assertProfileUnchanged(member);
    }

    private void assertProfileUnchanged(Account who) {
        JsonNode me = ok(api.get(V1 + "/users/me", who.token()), 200);
        assertThat(me.path("display_name").asText()).isEqualTo(who.username());
        assertThat(me.path("avatar_url").isNull()).isTrue();
        assertThat(me.path("status_text").asText()).isEmpty();
    }

    private void assertChannelUnchanged() {
        JsonNode c = Rest.conversation(api, owner, channelId);
        assertThat(c.path("name").asText()).isEqualTo("room");
        assertThat(c.path("last_seq").asLong()).isEqualTo(1);
        assertThat(ok(api.get(V1 + "/conversations", member.token()), 200).path("conversations").size()).isEqualTo(1);
    }
}
