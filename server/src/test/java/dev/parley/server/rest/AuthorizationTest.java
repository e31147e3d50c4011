package dev.parley.server.rest;

import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.channel;
import static dev.parley.server.rest.Rest.conv;
import static dev.parley.server.rest.Rest.conversation;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may call what: a token is needed everywhere but sign-up and login; only members see a conversation
 * (others get not_found); only the owner moderates a channel (other members get forbidden).
 */
class AuthorizationTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("rate.limit.send.burst", "100000").with("rate.limit.send.per.second", "100000");

    private static Api api;
    private static Account owner;
    private static Account member;
    private static Account outsider;
    private static String privateChannel;
    private static String publicChannel;
    private static String dm;
    private static String ownersMessage;
    private static String dmMessage;

    /** One call of the API: method, path and JSON body (null for none). */
    private record Call(String method, String path, Object body) {
        Reply as(String token) {
            return api.call(method, path, token, body == null ? null : body instanceof String s ? s : body.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void setUp() {
        api = NODE.api();
        owner = api.register("owner");
        member = api.register("member");
        outsider = api.register("outsider");
        privateChannel = api.channel(owner, "private room", "private");
        publicChannel = api.channel(owner, "public room", "public");
        api.addMember(owner, privateChannel, member);
        api.addMember(owner, publicChannel, member);
        ownersMessage = send(api, owner, privateChannel, "by the owner").path("id").asText();
        dm = ok(api.post(V1 + "/dms", owner.token(), obj("username", member.username())), 200).path("id").asText();
        dmMessage = send(api, owner, dm, "psst").path("id").asText();
    }

    /** Every call that needs a token, with valid ids and bodies. */
    private static List<Call> authedCalls() {
        List<Call> calls = new ArrayList<>(List.of(
                new Call("POST", V1 + "/auth/logout", null),
                new Call("GET", V1 + "/auth/sessions", null),
                new Call("DELETE", V1 + "/auth/sessions/" + member.sessionId(), null),
                new Call("GET", V1 + "/users/me", null),
                new Call("PATCH", V1 + "/users/me", obj("display_name", "hacked")),
                new Call("GET", V1 + "/users/" + member.id(), null),
                new Call("GET", V1 + "/users?username=" + member.username(), null),
                new Call("GET", V1 + "/users/search?q=mem", null),
                new Call("GET", V1 + "/conversations", null),
                new Call("POST", V1 + "/channels", obj("name", "sneaky", "visibility", "public")),
                new Call("GET", V1 + "/channels/public", null),
                new Call("POST", V1 + "/dms", obj("username", owner.username()))));
        calls.addAll(conversationCalls(privateChannel, ownersMessage));
        calls.add(new Call("POST", channel(publicChannel) + "/join", null));
        return calls;
    }

    /** Every call on one conversation (and one of its messages). */
    private static List<Call> conversationCalls(String id, String messageId) {
        return List.of(
                new Call("GET", conv(id), null),
                new Call("GET", messages(id), null),
                new Call("POST", messages(id), obj("content", "intruder")),
                new Call("PATCH", messages(id) + "/" + messageId, obj("content", "defaced")),
                new Call("DELETE", messages(id) + "/" + messageId, null),
                new Call("POST", conv(id) + "/read", obj("seq", 1)),
                new Call("PATCH", channel(id), obj("name", "taken over")),
                new Call("DELETE", channel(id), null),
                new Call("POST", channel(id) + "/leave", null),
                new Call("GET", channel(id) + "/members", null),
                new Call("PUT", channel(id) + "/members/" + outsider.id(), null),
                new Call("DELETE", channel(id) + "/members/" + member.id(), null));
    }

    @Test
    void everyCallWithoutATokenIsUnauthorized() {
        for (Call call : authedCalls()) {
            assertError(call.as(null), 401, "unauthorized");
        }
        assertUntouched();
    }

    @Test
    void everyCallWithAnInvalidTokenOrAMalformedHeaderIsUnauthorized() {
        for (Call call : authedCalls()) {
            assertError(call.as("not-a-real-token"), 401, "unauthorized");
            assertError(call.as(""), 401, "unauthorized");
        }
        for (String header : List.of("Basic " + owner.token(), owner.token(), "Bearer", "Bearer  ")) {
            assertThat(rawGetStatus(V1 + "/users/me", header)).as(header).isEqualTo(401);
        }
        assertUntouched();
    }

    @Test
    void everyCallWithARevokedTokenIsUnauthorized() {
        Account revoked = Rest.login(api, owner.username(), Rest.PASSWORD, "stolen laptop");
        assertThat(api.get(V1 + "/users/me", revoked.token()).status()).isEqualTo(200);
        assertThat(api.delete(V1 + "/auth/sessions/" + revoked.sessionId(), owner.token()).status()).isEqualTo(204);

        for (Call call : authedCalls()) {
            assertError(call.as(revoked.token()), 401, "unauthorized");
        }
        Account loggedOut = Rest.login(api, owner.username(), Rest.PASSWORD, "kiosk");
        assertThat(api.post(V1 + "/auth/logout", loggedOut.token(), null).status()).isEqualTo(204);
        for (Call call : authedCalls()) {
            assertError(call.as(loggedOut.token()), 401, "unauthorized");
        }
        assertUntouched();
    }

    @Test
    void everyConversationCallOfANonMemberIsNotFoundLikeAMissingConversation() {
        for (String id : List.of(privateChannel, publicChannel, dm)) {
            String messageId = id.equals(dm) ? dmMessage : ownersMessage;
            for (Call call : conversationCalls(id, messageId)) {
                assertError(call.as(outsider.token()), 404, "not_found");
            }
        }
        assertError(api.post(channel(privateChannel) + "/join", outsider.token(), null), 404, "not_found");
        // the same answer as for a conversation that does not exist
        for (Call call : conversationCalls("4242424242", "4343434343")) {
            assertError(call.as(outsider.token()), 404, "not_found");
        }
        assertThat(ok(api.get(V1 + "/conversations", outsider.token()), 200).path("conversations").size()).isZero();
        assertUntouched();
    }

    @Test
    void aMemberWhoIsNotTheOwnerMayNotModerateAChannel() {
        assertError(api.patch(channel(privateChannel), member.token(), obj("name", "mine now")), 403, "forbidden");
        assertError(api.delete(channel(privateChannel), member.token()), 403, "forbidden");
        assertError(api.put(channel(privateChannel) + "/members/" + outsider.id(), member.token()), 403, "forbidden");
        assertError(api.delete(channel(privateChannel) + "/members/" + owner.id(), member.token()), 403, "forbidden");
        assertError(api.put(channel(publicChannel) + "/members/" + outsider.id(), member.token()), 403, "forbidden");
        assertUntouched();
    }

    @Test
    void aMemberMayNotEditOrDeleteAnotherMembersMessageButTheOwnerMayDeleteIt() {
        String ownerMsg = send(api, owner, publicChannel, "owner's words").path("id").asText();
        String memberMsg = send(api, member, publicChannel, "member's words").path("id").asText();
        long lastSeq = Rest.lastSeq(api, owner, publicChannel);

        assertError(api.patch(messages(publicChannel) + "/" + ownerMsg, member.token(), obj("content", "x")), 403, "forbidden");
        assertError(api.delete(messages(publicChannel) + "/" + ownerMsg, member.token()), 403, "forbidden");
        // the owner moderates by deleting, never by putting words in someone's mouth
        assertError(api.patch(messages(publicChannel) + "/" + memberMsg, owner.token(), obj("content", "x")), 403, "forbidden");
        assertThat(Rest.lastSeq(api, owner, publicChannel)).isEqualTo(lastSeq);
        JsonNode page = history(api, owner, publicChannel, "limit=2");
        assertThat(page.path("messages").get(0).path("content").asText()).isEqualTo("member's words");
        assertThat(page.path("messages").get(1).path("content").asText()).isEqualTo("owner's words");

        assertThat(api.delete(messages(publicChannel) + "/" + memberMsg, owner.token()).status()).isEqualTo(204);
        assertThat(history(api, member, publicChannel, "limit=1").path("messages").get(0).path("deleted").asBoolean())
                .isTrue();
    }

    @Test
    void inADmNeitherSideMayDeleteTheOthersMessage() {
        assertError(api.delete(messages(dm) + "/" + dmMessage, member.token()), 403, "forbidden");
        assertThat(history(api, member, dm, "").path("messages").get(0).path("deleted").asBoolean()).isFalse();
    }

    /** The status of a GET with exactly this Authorization header. */
    private static int rawGetStatus(String path, String authorization) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(NODE.baseUrl() + path))
                    .header("Authorization", authorization).GET().build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Nothing any refused call tried has happened. */
    private static void assertUntouched() {
        JsonNode c = conversation(api, owner, privateChannel);
        assertThat(c.path("name").asText()).isEqualTo("private room");
        assertThat(c.path("owner_id").asText()).isEqualTo(owner.id());
        assertThat(c.path("member_count").asInt()).isEqualTo(2);
        assertThat(conversation(api, owner, publicChannel).path("member_count").asInt()).isEqualTo(2);
        JsonNode page = history(api, owner, privateChannel, "");
        assertThat(page.path("messages").size()).isEqualTo(1);
        assertThat(page.path("messages").get(0).path("content").asText()).isEqualTo("by the owner");
        assertThat(page.path("messages").get(0).path("deleted").asBoolean()).isFalse();
        assertThat(ok(api.get(V1 + "/users/me", owner.token()), 200).path("display_name").asText()).isEqualTo(owner.username());
        assertThat(ok(api.get(V1 + "/users/me", member.token()), 200).path("display_name").asText()).isEqualTo(member.username());
        assertThat(api.get(V1 + "/users/me", member.token()).status()).isEqualTo(200);
        assertThat(ok(api.get(V1 + "/conversations", outsider.token()), 200).path("conversations").size()).isZero();
        assertThat(ok(api.get(V1 + "/channels/public?q=sneaky", owner.token()), 200).path("channels").size()).isZero();
    }
}
