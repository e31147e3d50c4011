package dev.parley.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.store.cassandra.CassandraLogRows.EventRow;
import dev.parley.store.cassandra.MessageFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The sequencer is deterministic: the same records give the same seqs, rows and outcomes whoever processes them — a
 * first owner, a stale owner that processes them again after the rows exist, or a successor that starts from a snapshot.
 */
class SequencerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final User ANN = new User(1, "ann", "Ann", null, "", T0);
    private static final User BOB = new User(2, "bob", "Bob", null, "", T0);
    private static final long CHANNEL = 100;

    /** Cassandra's facts as the writes of earlier batches left them. */
    private static final class WrittenFacts implements LogFacts {
        final Map<Long, MessageFacts> messages = new HashMap<>();
        final Map<PartitionState.NonceKey, MessageFacts> nonces = new HashMap<>();

        void write(List<EventRow> rows) {
            for (EventRow row : rows) {
                switch (row.event()) {
                    case LogEvent.MessagePosted p -> {
                        var m = p.message();
                        MessageFacts f = new MessageFacts(m.id(), m.conversationId(), m.seq(), m.authorId(), m.createdAt(),
                                m.replyTo(), m.nonce(), row.offset(), null);
                        messages.merge(m.id(), f, (old, made) -> old);
                        if (m.nonce() != null) {
                            nonces.putIfAbsent(new PartitionState.NonceKey(m.conversationId(), m.authorId(), m.nonce()), f);
                        }
                    }
                    case LogEvent.MessageDeleted d -> messages.computeIfPresent(d.messageId(), (id, f) -> f.deletedBy(row.offset()));
                    default -> { }
                }
            }
        }

        @Override
        public CompletionStage<Optional<MessageFacts>> message(long messageId) {
            return CompletableFuture.completedFuture(Optional.ofNullable(messages.get(messageId)));
        }

        @Override
        public CompletionStage<Optional<MessageFacts>> nonce(long conversationId, long authorId, String nonce) {
            return CompletableFuture.completedFuture(Optional.ofNullable(
                    nonces.get(new PartitionState.NonceKey(conversationId, authorId, nonce))));
        }
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    /** A conversation's life in 14 records: joins, posts, a repeated nonce, edits, a deletion, refusals, a removal. */
    private static List<Sequencer.Input> records() {
        Conversation channel = new Conversation(CHANNEL, ConversationKind.CHANNEL, "room", "", Visibility.PRIVATE, ANN.id(), 1, T0);
        List<LogRecord> log = List.of(
                new LogRecord.Open(id(0), "n1", channel, List.of(ANN.id())),
                append(1, new LogEntry.PostMessage(CHANNEL, 1000, ANN.id(), "hello", "n-1", null, at(1))),
                append(2, new LogEntry.PostMessage(CHANNEL, 1001, BOB.id(), "not yet a member", null, null, at(2))),
                append(3, new LogEntry.AddMember(CHANNEL, BOB, ANN.id(), at(3))),
                append(4, new LogEntry.PostMessage(CHANNEL, 1002, BOB.id(), "hi ann", "n-2", 1000L, at(4))),
                append(5, new LogEntry.PostMessage(CHANNEL, 1003, ANN.id(), "hello again", "n-1", null, at(5))),
                append(6, new LogEntry.EditMessage(CHANNEL, 1000, ANN.id(), "hello, bob", at(6))),
                append(7, new LogEntry.EditMessage(CHANNEL, 1000, BOB.id(), "not mine", at(7))),
                append(8, new LogEntry.DeleteMessage(CHANNEL, 1002, BOB.id(), at(8))),
                append(9, new LogEntry.EditMessage(CHANNEL, 1002, BOB.id(), "too late", at(9))),
                append(10, new LogEntry.AddMember(CHANNEL, BOB, ANN.id(), at(10))),
                append(11, new LogEntry.RemoveMember(CHANNEL, BOB, ANN.id(), at(11))),
                append(12, new LogEntry.PostMessage(CHANNEL, 1004, BOB.id(), "after removal", null, null, at(12))),
                append(13, new LogEntry.ChangeConversation(CHANNEL, ANN.id(), "renamed", null, at(13))));
        List<Sequencer.Input> inputs = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            inputs.add(new Sequencer.Input(i, Records.encode(log.get(i))));
        }
        return inputs;
    }

    private static UUID id(int n) {
        return new UUID(0, n);
    }

    private static LogRecord.Append append(int n, LogEntry entry) {
        return new LogRecord.Append(id(n), "n1", entry);
    }

    @Test
    void theRecordsGiveDenseSeqsAndTheRulesOutcomes() {
        Sequencer.Batch batch = new Sequencer(new WrittenFacts()).run(new PartitionState(), records(), 0);

        assertThat(batch.events()).extracting(LogEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(batch.outcomes().get(id(2))).isEqualTo(new Outcome.Refused(ErrorCode.NOT_FOUND, "conversation not found"));
        assertThat(batch.outcomes().get(id(5))).isEqualTo(new Outcome.Repeat(1000, 1));
        assertThat(batch.outcomes().get(id(7))).isInstanceOf(Outcome.Refused.class);
        assertThat(batch.outcomes().get(id(9))).isEqualTo(new Outcome.Refused(ErrorCode.NOT_FOUND, "message not found"));
        assertThat(batch.outcomes().get(id(10))).isEqualTo(new Outcome.Unchanged());
        assertThat(batch.outcomes().get(id(12))).isInstanceOf(Outcome.Refused.class);
        assertThat(batch.changes()).extracting(c -> c.offset()).containsExactly(3L, 11L, 13L);
    }

    @Test
    void aStaleOwnerProcessingTheSameRecordsAfterTheirRowsExistWritesIdenticalRows() {
        WrittenFacts cassandra = new WrittenFacts();
        PartitionState first = new PartitionState();
        Sequencer.Batch written = new Sequencer(cassandra).run(first, records(), 0);
        cassandra.write(written.rows());

        PartitionState again = new PartitionState();
        Sequencer.Batch rewritten = new Sequencer(cassandra).run(again, records(), 0);

        assertThat(rewritten.rows()).isEqualTo(written.rows());
        assertThat(rewritten.changes()).isEqualTo(written.changes());
        assertThat(rewritten.events()).isEqualTo(written.events());
        assertThat(rewritten.outcomes()).isEqualTo(written.outcomes());
        assertThat(again.encode()).isEqualTo(first.encode());
    }

    @Test
    void aSuccessorStartingFromASnapshotDecidesTheRestAsTheFirstOwnerDid() {
        List<Sequencer.Input> all = records();
        WrittenFacts cassandra = new WrittenFacts();
        Sequencer.Batch whole = new Sequencer(new WrittenFacts()).run(new PartitionState(), all, 0);

        PartitionState owner = new PartitionState();
        Sequencer.Batch head = new Sequencer(cassandra).run(owner, all.subList(0, 6), 0);
        cassandra.write(head.rows());
        byte[] snapshot = owner.encode();
        // the first owner goes on a little, writes, and is replaced before it commits: the successor replays from the
        // snapshot to the committed offset (6) without writing, then processes the rest
        PartitionState successor = PartitionState.decode(snapshot);
        Sequencer.Batch tail = new Sequencer(cassandra).run(successor, all.subList(6, all.size()), 6);

        List<EventRow> rows = new ArrayList<>(head.rows());
        rows.addAll(tail.rows());
        assertThat(rows).isEqualTo(whole.rows());
        assertThat(successor.nextOffset).isEqualTo(all.size());
    }

    @Test
    void recordsBelowTheCommittedOffsetAreReplayedIntoTheStateWithoutWrites() {
        List<Sequencer.Input> all = records();
        WrittenFacts cassandra = new WrittenFacts();
        PartitionState owner = new PartitionState();
        cassandra.write(new Sequencer(cassandra).run(owner, all, 0).rows());

        PartitionState successor = new PartitionState();
        Sequencer.Batch replayed = new Sequencer(cassandra).run(successor, all, all.size());

        assertThat(replayed.rows()).isEmpty();
        assertThat(replayed.outcomes()).isEmpty();
        assertThat(successor.encode()).isEqualTo(owner.encode());
    }
}
