package dev.parley.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Log records and outcomes keep mentions, the channel's mention setting and a member's bot flag, and records of older
 * versions still read.
 */
class RecordsTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00.123456Z");

    @Test
    void postsEditsAndChannelChangesRoundTripWithWhatVersionTwoAdded() {
        Mentions mentions = new Mentions(List.of(4L, 5L), true, false);
        for (LogEntry entry : List.of(
                new LogEntry.PostMessage(1, 2, 3, "@ann @here", "n", 9L, AT, mentions),
                new LogEntry.EditMessage(1, 2, 3, "@ann", AT, mentions),
                new LogEntry.ChangeConversation(1, 3, null, null, true, AT),
                new LogEntry.ChangeConversation(1, 3, "name", null, null, AT))) {
            LogRecord record = new LogRecord.Append(UUID.randomUUID(), "node", entry);
            assertThat(Records.decode(Records.encode(record))).isEqualTo(record);
        }
        Message m = new Message(2, 1, 7, 3, "@ann", AT, null, false, null, null, mentions);
        Conversation channel = new Conversation(1, ConversationKind.CHANNEL, "c", "t", Visibility.PUBLIC, 3L, 2, AT, true);
        for (Outcome outcome : List.<Outcome>of(new Outcome.Written(new LogEvent.MessagePosted(1, 7, AT, m)),
                new Outcome.Written(new LogEvent.ConversationChanged(1, 8, AT, channel)))) {
            assertThat(Records.decodeOutcome(Records.encode(outcome))).isEqualTo(outcome);
        }
    }

    @Test
    void outcomesMailedToANodeRoundTripInTheirOrder() {
        Message m = new Message(2, 1, 7, 3, "hi", AT, null, false, null, null, Mentions.NONE);
        Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
        outcomes.put(UUID.randomUUID(), new Outcome.Written(new LogEvent.MessagePosted(1, 7, AT, m)));
        outcomes.put(UUID.randomUUID(), new Outcome.Refused(ErrorCode.FORBIDDEN, "not a member"));
        outcomes.put(UUID.randomUUID(), new Outcome.Repeat(2, 7));
        outcomes.put(UUID.randomUUID(), new Outcome.Unknown());

        assertThat(Records.decodeOutcomes(Records.encodeOutcomes(outcomes))).containsExactlyEntriesOf(outcomes);
    }

    @Test
    void aPostOfVersionOneReadsAsMentioningNobody() {
        LogEntry.PostMessage post = new LogEntry.PostMessage(1, 2, 3, "hi", null, null, AT);
        LogRecord record = new LogRecord.Append(UUID.randomUUID(), "node", post);
        byte[] v2 = Records.encode(record);
        byte[] v1 = Arrays.copyOf(v2, v2.length - 6);
        v1[0] = 1;

        assertThat(Records.decode(v1)).isEqualTo(record);
    }

    @Test
    void aBotAddedToAChannelIsStillABotInTheRecordAndInTheOutcome() {
        User bot = new User(8, "builder", "Build Bot", null, "", AT, true);
        for (LogEntry entry : List.<LogEntry>of(new LogEntry.AddMember(1, bot, 3, AT), new LogEntry.RemoveMember(1, bot, 3, AT),
                new LogEntry.Join(1, bot, AT), new LogEntry.Leave(1, bot, AT), new LogEntry.Ban(1, bot, 3, AT))) {
            LogRecord record = new LogRecord.Append(UUID.randomUUID(), "node", entry);
            assertThat(Records.decode(Records.encode(record))).isEqualTo(record);
        }
        Conversation channel = new Conversation(1, ConversationKind.CHANNEL, "c", "t", Visibility.PUBLIC, 3L, 2, AT, false);
        for (Outcome outcome : List.<Outcome>of(new Outcome.Written(new LogEvent.MemberAdded(1, 7, AT, bot, channel)),
                new Outcome.Written(new LogEvent.MemberRemoved(1, 8, AT, bot, channel)))) {
            assertThat(Records.decodeOutcome(Records.encode(outcome))).isEqualTo(outcome);
        }
    }

    @Test
    void aRecordOrOutcomeNamingNoBotIsWrittenInVersionTwoSoThatThePreviousReleaseReadsIt() {
        User person = new User(8, "ann", "Ann", null, "", AT);
        User bot = new User(9, "builder", "Build Bot", null, "", AT, true);
        Conversation channel = new Conversation(1, ConversationKind.CHANNEL, "c", "t", Visibility.PUBLIC, 3L, 2, AT, false);

        assertThat(Records.encode(new LogRecord.Append(UUID.randomUUID(), "node", new LogEntry.Join(1, person, AT)))[0])
                .isEqualTo((byte) 2);
        assertThat(Records.encode(new LogRecord.Append(UUID.randomUUID(), "node", new LogEntry.Join(1, bot, AT)))[0])
                .isEqualTo((byte) 3);
        Outcome personAdded = new Outcome.Written(new LogEvent.MemberAdded(1, 7, AT, person, channel));
        Outcome botAdded = new Outcome.Written(new LogEvent.MemberAdded(1, 8, AT, bot, channel));
        assertThat(Records.encode(personAdded)[0]).isEqualTo((byte) 2);
        assertThat(Records.encode(botAdded)[0]).isEqualTo((byte) 3);
        assertThat(Records.encodeOutcomes(Map.of(UUID.randomUUID(), personAdded))[0]).isEqualTo((byte) 2);
        Map<UUID, Outcome> both = new LinkedHashMap<>();
        both.put(UUID.randomUUID(), personAdded);
        both.put(UUID.randomUUID(), botAdded);
        assertThat(Records.encodeOutcomes(both)[0]).isEqualTo((byte) 3);
        assertThat(Records.decodeOutcomes(Records.encodeOutcomes(both))).containsExactlyEntriesOf(both);
    }
}
