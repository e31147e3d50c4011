package dev.parley.server.rest;

import dev.parley.server.support.Gw;
import static dev.parley.server.rest.Rest.lastSeq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Api.Reply;
import dev.parley.server.support.TestNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 3,000 messages from 20 concurrent senders in one channel: paging in both directions returns each exactly once
 * in strict seq order, and messages plus membership events fill the log's seqs 1..last_seq without a gap.
 */
class OrderingAndPagingTest {
    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("rate.limit.send.burst", "100000").with("rate.limit.send.per.second", "100000");

    private static final int SENDERS = 20;
    private static final int PER_SENDER = 150;

    private static Api api;
    private static Account owner;
    private static String channelId;
    private static final Set<Long> memberEventSeqs = new TreeSet<>();
    /** What each acknowledged send answered, by message id. */
    private static final Map<String, JsonNode> acknowledged = new HashMap<>();
    private static final Map<String, String> authorOf = new HashMap<>();

    @BeforeAll
    static void sendConcurrently() throws Exception {
        api = NODE.api();
        owner = api.register("owner");
        channelId = api.channel(owner, "busy", "private");
        List<Account> senders = new ArrayList<>(List.of(owner));
        for (int i = 1; i < SENDERS; i++) {
            Account m = api.register("sender" + i);
            api.addMember(owner, channelId, m);
            // each added member takes the log's next seq
            memberEventSeqs.add(lastSeq(api, owner, channelId));
            senders.add(m);
        }
        assertThat(memberEventSeqs).containsExactlyElementsOf(LongStream.rangeClosed(1, SENDERS - 1).boxed().toList());

        List<List<Reply>> replies = Gw.concurrently(SENDERS, s -> {
            List<Reply> mine = new ArrayList<>();
            for (int i = 0; i < PER_SENDER; i++) {
                mine.add(api.send(senders.get(s), channelId, "sender " + s + " message " + i));
            }
            return mine;
        });
        for (int s = 0; s < SENDERS; s++) {
            long previousSeq = 0;
            for (Reply r : replies.get(s)) {
                assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
                JsonNode m = r.json();
                // one sender's own messages are sequenced in the order it sent them
                assertThat(m.path("seq").asLong()).isGreaterThan(previousSeq);
                previousSeq = m.path("seq").asLong();
                acknowledged.put(m.path("id").asText(), m);
                authorOf.put(m.path("id").asText(), senders.get(s).id());
            }
        }
        assertThat(acknowledged).hasSize(SENDERS * PER_SENDER);
    }

    @Test
    void pagingNewestFirstWithBeforeSeqReturnsEveryMessageOnceInStrictlyDescendingSeq() {
        List<JsonNode> all = Rest.allNewestFirst(api, owner, channelId, 100);
        assertEveryAcknowledgedMessageOnce(all);
        List<Long> seqs = all.stream().map(m -> m.path("seq").asLong()).toList();
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isLessThan(seqs.get(i - 1));
        }
    }

    @Test
    void pagingOldestFirstWithAfterSeqReturnsEveryMessageOnceInStrictlyAscendingSeq() {
        List<JsonNode> all = Rest.allOldestFirst(api, owner, channelId, 100);
        assertEveryAcknowledgedMessageOnce(all);
        List<Long> seqs = all.stream().map(m -> m.path("seq").asLong()).toList();
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isGreaterThan(seqs.get(i - 1));
        }
    }

    @Test
    void bothDirectionsAgreeMessageForMessage() {
        List<JsonNode> newest = new ArrayList<>(Rest.allNewestFirst(api, owner, channelId, 100));
        Collections.reverse(newest);
        assertThat(Rest.allOldestFirst(api, owner, channelId, 100)).isEqualTo(newest);
    }

    @Test
    void messageSeqsAndMemberEventSeqsFillTheLogWithoutAGap() {
        long lastSeq = lastSeq(api, owner, channelId);
        assertThat(lastSeq).isEqualTo(SENDERS - 1 + SENDERS * PER_SENDER);

        List<Long> messageSeqs = Rest.allOldestFirst(api, owner, channelId, 100).stream()
                .map(m -> m.path("seq").asLong()).toList();
        Set<Long> union = new HashSet<>(messageSeqs);
        assertThat(union).hasSize(messageSeqs.size());
        assertThat(union).doesNotContainAnyElementsOf(memberEventSeqs);
        union.addAll(memberEventSeqs);
        assertThat(new TreeSet<>(union)).containsExactlyElementsOf(LongStream.rangeClosed(1, lastSeq).boxed().toList());
    }

    @Test
    void eachPageCarriesExactlyTheProfilesOfItsAuthors() {
        // allNewestFirst and allOldestFirst check every page's users map; check an odd-sized page too
        JsonNode page = Rest.history(api, owner, channelId, "limit=7&before_seq=1000");
        Rest.assertUsersAreExactlyAuthors(page);
        Set<String> authors = new HashSet<>();
        page.path("messages").forEach(m -> authors.add(m.path("author_id").asText()));
        page.path("users").fields().forEachRemaining(e ->
                assertThat(e.getValue().path("username").asText()).isNotBlank());
        assertThat(page.path("users").size()).isEqualTo(authors.size());
    }

    @Test
    void everyTimeIsAnIsoUtcStringWithMillisecondPrecision() {
        // docs/api.md: "2026-11-21T05:39:52.261Z"; 3,000 sends spread over seconds include whole-second instants
        String iso = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
        for (JsonNode m : Rest.allOldestFirst(api, owner, channelId, 100)) {
            assertThat(m.path("created_at").asText()).matches(iso);
        }
        assertThat(Rest.conversation(api, owner, channelId).path("created_at").asText()).matches(iso);
    }

    private static void assertEveryAcknowledgedMessageOnce(List<JsonNode> all) {
        assertThat(all).hasSize(SENDERS * PER_SENDER);
        Map<String, JsonNode> byId = all.stream().collect(Collectors.toMap(m -> m.path("id").asText(), m -> m));
        assertThat(byId.keySet()).isEqualTo(acknowledged.keySet());
        byId.forEach((id, m) -> {
            assertThat(m).isEqualTo(acknowledged.get(id));
            assertThat(m.path("author_id").asText()).isEqualTo(authorOf.get(id));
        });
    }
}
