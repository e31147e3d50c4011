package dev.parley.server.rest;

import dev.parley.server.support.Gw;
import static dev.parley.server.rest.Rest.V1;
import static dev.parley.server.rest.Rest.assertError;
import static dev.parley.server.rest.Rest.channel;
import static dev.parley.server.rest.Rest.conversation;
import static dev.parley.server.rest.Rest.lastSeq;
import static dev.parley.server.rest.Rest.ok;
import static dev.parley.server.support.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.TestNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Channels: creation, the public directory, moderation by the owner, joining, leaving and members. */
class ChannelsApiTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private Api api;

    @BeforeEach
    void setUp() {
        api = NODE.api();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    void createChannelAnswers201WithTheCallerAsOwnerAndOnlyMember() {
        Account owner = api.register("creator");
        JsonNode c = ok(api.post(V1 + "/channels", owner.token(),
                obj("name", "  general  ", "topic", "all things", "visibility", "private")), 201);

        assertThat(c.path("id").isTextual()).isTrue();
        assertThat(c.path("kind").asText()).isEqualTo("channel");
        assertThat(c.path("name").asText()).isEqualTo("general");
        assertThat(c.path("topic").asText()).isEqualTo("all things");
        assertThat(c.path("visibility").asText()).isEqualTo("private");
        assertThat(c.path("owner_id").asText()).isEqualTo(owner.id());
        assertThat(c.path("member_count").asInt()).isEqualTo(1);
        assertThat(c.path("last_seq").asLong()).isZero();
        assertThat(c.path("last_message").isNull() || c.path("last_message").isMissingNode()).isTrue();
        assertThat(c.path("last_read_seq").asLong()).isZero();
        assertThat(c.path("unread_count").asLong()).isZero();
        assertThat(c.path("created_at").asText()).isNotBlank();

        assertThat(conversation(api, owner, c.path("id").asText()).path("name").asText()).isEqualTo("general");
        JsonNode members = ok(api.get(channel(c.path("id").asText()) + "/members", owner.token()), 200);
        assertThat(members.path("members").size()).isEqualTo(1);
        assertThat(members.path("members").get(0).path("id").asText()).isEqualTo(owner.id());
        assertThat(members.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void publicDirectoryFiltersByNameAndPagesWithCursorsAndHidesPrivateChannels() {
        Account owner = api.register("dir");
        Account browser = api.register("browser");
        String tag = unique("tag");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(api.channel(owner, "Room " + tag.toUpperCase() + " " + i, "public"));
        }
        api.channel(owner, "room " + tag + " hidden", "private");
        api.channel(owner, "unrelated " + unique("x"), "public");

        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = ok(api.get(V1 + "/channels/public?q=" + tag + "&limit=2&cursor=" + cursor, browser.token()), 200);
            pages++;
            page.path("channels").forEach(ch -> {
                assertThat(ch.path("visibility").asText()).isEqualTo("public");
                assertThat(ch.path("name").asText().toLowerCase()).contains(tag);
                seen.add(ch.path("id").asText());
            });
            assertThat(page.path("channels").size()).isLessThanOrEqualTo(2);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null && pages < 10);

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void ownerRenamesAndRetopicsAChannelAndEachChangeTakesASeq() {
        Account owner = api.register("renamer");
        Account member = api.register("member");
        String id = api.channel(owner, "old name", "private");
        api.addMember(owner, id, member);
        long before = lastSeq(api, owner, id);

        JsonNode renamed = ok(api.patch(channel(id), owner.token(), obj("name", "new name")), 200);
        assertThat(renamed.path("name").asText()).isEqualTo("new name");
        assertThat(renamed.path("topic").asText()).isEmpty();
        JsonNode retopiced = ok(api.patch(channel(id), owner.token(), obj("topic", "a topic")), 200);
        assertThat(retopiced.path("name").asText()).isEqualTo("new name");
        assertThat(retopiced.path("topic").asText()).isEqualTo("a topic");
        assertThat(retopiced.path("last_seq").asLong()).isEqualTo(before + 2);

        JsonNode seenByMember = conversation(api, member, id);
        assertThat(seenByMember.path("name").asText()).isEqualTo("new name");
        assertThat(seenByMember.path("topic").asText()).isEqualTo("a topic");
    }

    @Test
    void ownerDeletesAChannelAndItIsGoneForEveryMember() {
        Account owner = api.register("deleter");
        Account member = api.register("member");
        String id = api.channel(owner, "doomed", "public");
        api.addMember(owner, id, member);

        assertThat(api.delete(channel(id), owner.token()).status()).isEqualTo(204);

        assertError(api.get(Rest.conv(id), owner.token()), 404, "not_found");
        assertError(api.get(Rest.conv(id), member.token()), 404, "not_found");
        assertError(api.post(channel(id) + "/join", api.register("late").token(), null), 404, "not_found");
        assertThat(conversationIds(member)).doesNotContain(id);
    }

    @Test
    void anyoneMayJoinAPublicChannelAndJoiningTwiceChangesNothing() {
        Account owner = api.register("pubowner");
        Account joiner = api.register("joiner");
        String id = api.channel(owner, "open room", "public");

        JsonNode joined = ok(api.post(channel(id) + "/join", joiner.token(), null), 200);
        assertThat(joined.path("id").asText()).isEqualTo(id);
        assertThat(joined.path("member_count").asInt()).isEqualTo(2);
        assertThat(joined.path("last_seq").asLong()).isEqualTo(1);

        JsonNode again = ok(api.post(channel(id) + "/join", joiner.token(), null), 200);
        assertThat(again.path("member_count").asInt()).isEqualTo(2);
        assertThat(again.path("last_seq").asLong()).isEqualTo(1);
        assertThat(conversationIds(joiner)).contains(id);
    }

    @Test
    void joiningAPrivateChannelIsNotFound() {
        Account owner = api.register("privowner");
        Account stranger = api.register("stranger");
        String id = api.channel(owner, "secret", "private");
        assertError(api.post(channel(id) + "/join", stranger.token(), null), 404, "not_found");
        assertThat(conversation(api, owner, id).path("member_count").asInt()).isEqualTo(1);
    }

    @Test
    void aMemberLeavesAndLosesAccess() {
        Account owner = api.register("leaveowner");
        Account leaver = api.register("leaver");
        String id = api.channel(owner, "room", "public");
        ok(api.post(channel(id) + "/join", leaver.token(), null), 200);

        assertThat(api.post(channel(id) + "/leave", leaver.token(), null).status()).isEqualTo(204);

        assertError(api.get(Rest.conv(id), leaver.token()), 404, "not_found");
        assertError(api.get(Rest.messages(id), leaver.token()), 404, "not_found");
        JsonNode c = conversation(api, owner, id);
        assertThat(c.path("member_count").asInt()).isEqualTo(1);
        assertThat(c.path("last_seq").asLong()).isEqualTo(2);
    }

    @Test
    void whenTheOwnerLeavesOwnershipPassesToTheLongestStandingMember() {
        Account owner = api.register("founder");
        Account first = api.register("first");
        Account second = api.register("second");
        String id = api.channel(owner, "succession", "private");
        api.addMember(owner, id, first);
        api.addMember(owner, id, second);

        assertThat(api.post(channel(id) + "/leave", owner.token(), null).status()).isEqualTo(204);

        JsonNode c = conversation(api, second, id);
        assertThat(c.path("owner_id").asText()).isEqualTo(first.id());
        assertThat(c.path("member_count").asInt()).isEqualTo(2);
        assertThat(api.patch(channel(id), first.token(), obj("topic", "new era")).status()).isEqualTo(200);
        assertError(api.patch(channel(id), second.token(), obj("topic", "coup")), 403, "forbidden");
        assertError(api.get(Rest.conv(id), owner.token()), 404, "not_found");
    }

    @Test
    void whenTheLastMemberLeavesTheChannelIsGone() {
        Account owner = api.register("alone");
        String id = api.channel(owner, "solo", "public");
        assertThat(api.post(channel(id) + "/leave", owner.token(), null).status()).isEqualTo(204);
        assertError(api.get(Rest.conv(id), owner.token()), 404, "not_found");
        assertError(api.post(channel(id) + "/join", api.register("late").token(), null), 404, "not_found");
    }

    @Test
    void membersArePagedInJoinOrderWithCursors() {
        Account owner = api.register("pager");
        String id = api.channel(owner, "big", "private");
        List<String> expected = new ArrayList<>(List.of(owner.id()));
        for (int i = 0; i < 6; i++) {
            Account m = api.register("m" + i);
            api.addMember(owner, id, m);
            expected.add(m.id());
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok(api.get(channel(id) + "/members?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                    owner.token()), 200);
            pages++;
            page.path("members").forEach(u -> seen.add(u.path("id").asText()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void putMemberAddsOnceAndRepeatingItIsIdempotent() {
        Account owner = api.register("adder");
        Account newcomer = api.register("newcomer");
        String id = api.channel(owner, "room", "private");

        assertThat(api.put(channel(id) + "/members/" + newcomer.id(), owner.token()).status()).isEqualTo(204);
        assertThat(api.put(channel(id) + "/members/" + newcomer.id(), owner.token()).status()).isEqualTo(204);

        JsonNode c = conversation(api, newcomer, id);
        assertThat(c.path("member_count").asInt()).isEqualTo(2);
        assertThat(c.path("last_seq").asLong()).isEqualTo(1);
        JsonNode members = ok(api.get(channel(id) + "/members", owner.token()), 200);
        List<String> ids = new ArrayList<>();
        members.path("members").forEach(u -> ids.add(u.path("id").asText()));
        assertThat(ids).containsExactly(owner.id(), newcomer.id());
        assertThat(conversationIds(newcomer)).contains(id);
    }

    @Test
    void deleteMemberRemovesThemAndTheyLoseAccess() {
        Account owner = api.register("kicker");
        Account kicked = api.register("kicked");
        String id = api.channel(owner, "room", "private");
        api.addMember(owner, id, kicked);

        assertThat(api.delete(channel(id) + "/members/" + kicked.id(), owner.token()).status()).isEqualTo(204);

        assertError(api.get(Rest.conv(id), kicked.token()), 404, "not_found");
        assertError(api.send(kicked, id, "still here?"), 404, "not_found");
        JsonNode c = conversation(api, owner, id);
        assertThat(c.path("member_count").asInt()).isEqualTo(1);
        assertThat(c.path("last_seq").asLong()).isEqualTo(2);
        assertThat(conversationIds(kicked)).doesNotContain(id);

        // removing someone who is not a member is a no-op
        assertThat(api.delete(channel(id) + "/members/" + kicked.id(), owner.token()).status()).isEqualTo(204);
        assertThat(conversation(api, owner, id).path("last_seq").asLong()).isEqualTo(2);
    }

    @Test
    void anOwnerWhoRemovesThemselvesLeavesAndHandsTheChannelOn() {
        Account owner = api.register("selfkick");
        Account heir = api.register("heir");
        String id = api.channel(owner, "room", "private");
        api.addMember(owner, id, heir);

        assertThat(api.delete(channel(id) + "/members/" + owner.id(), owner.token()).status()).isEqualTo(204);

        JsonNode c = conversation(api, heir, id);
        assertThat(c.path("owner_id").asText()).isEqualTo(heir.id());
        assertThat(c.path("member_count").asInt()).isEqualTo(1);
        assertError(api.get(Rest.conv(id), owner.token()), 404, "not_found");
    }

    @Test
    void concurrentJoinsAndAddsCountEachMemberOnceAndLogOneEventEach() throws Exception {
        Account owner = api.register("crowd");
        String id = api.channel(owner, "crowded", "public");
        List<Account> joiners = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            joiners.add(api.register("j" + i));
        }
        // every joiner joins twice and is added twice by the owner, all at once
        List<Integer> statuses = Gw.concurrently(24, i -> {
            Account who = joiners.get(i % 6);
            return i < 12 ? api.post(channel(id) + "/join", who.token(), null).status()
                    : api.put(channel(id) + "/members/" + who.id(), owner.token()).status();
        });
        assertThat(statuses.subList(0, 12)).containsOnly(200);
        assertThat(statuses.subList(12, 24)).containsOnly(204);

        JsonNode c = conversation(api, owner, id);
        assertThat(c.path("member_count").asInt()).isEqualTo(7);
        assertThat(c.path("last_seq").asLong()).isEqualTo(6);
        JsonNode members = ok(api.get(channel(id) + "/members?limit=100", owner.token()), 200);
        List<String> ids = new ArrayList<>();
        members.path("members").forEach(u -> ids.add(u.path("id").asText()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(7);
    }

    private List<String> conversationIds(Account who) {
        List<String> ids = new ArrayList<>();
        ok(api.get(V1 + "/conversations", who.token()), 200).path("conversations")
                .forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }
}
