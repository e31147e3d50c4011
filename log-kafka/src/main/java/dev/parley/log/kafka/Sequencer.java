package dev.parley.log.kafka;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.LogDecision;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogRules;
import dev.parley.store.cassandra.CassandraLogRows.EventRow;
import dev.parley.store.cassandra.MessageFacts;
import dev.parley.store.postgres.PostgresConversationRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a partition's records, in offset order, into seqs, rows and outcomes — deterministically: what it makes of a
 * record depends only on the records before it in the partition (through {@link PartitionState}) and on immutable
 * facts written by earlier records (through {@link LogFacts}, filtered by offset). No clock, no read of anything another
 * record can change. So whoever processes a record — its owner, a successor after a rebalance, a stale owner that woke
 * up — decides it the same way and writes the same rows.
 *
 * <p>For each record: an open record makes the conversation known (the first one counts); an append is decided with
 * {@link LogRules} against {@link StateAtRecord}, and its events move the state. A record below {@code replayUntil}
 * was already processed and written by an earlier owner (its offset was committed): it only moves the state. Owned by
 * the consumer thread.
 */
final class Sequencer {
    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);

    /** A Kafka record as the sequencer needs it. */
    record Input(long offset, byte[] value) {
    }

    /**
     * What a batch of records came to; only records at or above {@code replayUntil} contribute. {@code appenders}
     * names the node that appended each record with an outcome.
     */
    record Batch(List<EventRow> rows, List<PostgresConversationRows.Change> changes, List<LogEvent> events,
                 Map<UUID, Outcome> outcomes, Map<UUID, String> appenders) {
        static Batch empty() {
            return new Batch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(), new HashMap<>());
        }

        void addAll(Batch other) {
            rows.addAll(other.rows);
            changes.addAll(other.changes);
            events.addAll(other.events);
            outcomes.putAll(other.outcomes);
            appenders.putAll(other.appenders);
        }
    }

    private final LogFacts facts;

    Sequencer(LogFacts facts) {
        this.facts = facts;
    }

    /** Processes {@code records} (consecutive, in offset order) on {@code state}, which ends at the last one + 1. */
    Batch run(PartitionState state, List<Input> records, long replayUntil) {
        List<Decoded> decoded = new ArrayList<>(records.size());
        for (Input r : records) {
            try {
                decoded.add(new Decoded(r.offset(), Records.decode(r.value())));
            } catch (RuntimeException e) {
                LOG.error("record {} of the log cannot be read and is skipped: {}", r.offset(), e.getMessage());
                decoded.add(new Decoded(r.offset(), null));
            }
        }
        prefetch(state, decoded);
        Batch batch = Batch.empty();
        for (Decoded d : decoded) {
            boolean live = d.offset() >= replayUntil;
            switch (d.record()) {
                case null -> { }
                case LogRecord.Open o -> state.conversations.computeIfAbsent(o.conversationId(),
                        id -> ConversationState.opened(o.conversation(), o.members()));
                case LogRecord.Append a -> {
                    Outcome outcome = decide(state, a.entry(), d.offset(), live ? batch : Batch.empty());
                    if (live) {
                        batch.outcomes().put(a.id(), outcome);
                        batch.appenders().put(a.id(), a.node());
                    }
                }
            }
            state.nextOffset = d.offset() + 1;
        }
        return batch;
    }

    private record Decoded(long offset, LogRecord record) {
    }

    private Outcome decide(PartitionState state, LogEntry entry, long offset, Batch out) {
        ConversationState conversation = state.conversations.get(entry.conversationId());
        if (conversation == null) {
            return new Outcome.Unknown();
        }
        LogDecision decision;
        try {
            decision = LogRules.decide(entry, new StateAtRecord(state, offset));
        } catch (ParleyException refused) {
            return new Outcome.Refused(refused.code(), refused.getMessage());
        } catch (RuntimeException bug) {
            LOG.error("record {} could not be decided and is refused", offset, bug);
            return new Outcome.Refused(ErrorCode.INTERNAL, "the change could not be decided");
        }
        return switch (decision) {
            case LogDecision.Repeat r -> new Outcome.Repeat(((LogEvent.MessagePosted) r.original()).message().id(),
                    r.original().seq());
            case LogDecision.Unchanged u -> new Outcome.Unchanged();
            case LogDecision.Write w -> {
                List<LogEvent> rowChanges = new ArrayList<>();
                for (LogEvent event : w.events()) {
                    conversation.apply(event);
                    out.rows().add(new EventRow(event, offset, remember(state, event, offset)));
                    out.events().add(event);
                    if (!(event instanceof LogEvent.MessagePosted || event instanceof LogEvent.MessageEdited
                            || event instanceof LogEvent.MessageDeleted)) {
                        rowChanges.add(event);
                    }
                }
                w.bans().forEach(conversation::apply);
                if (!rowChanges.isEmpty() || !w.bans().isEmpty()) {
                    out.changes().add(new PostgresConversationRows.Change(offset, rowChanges, w.bans()));
                }
                yield new Outcome.Written(w.events().isEmpty() ? null : w.events().get(0));
            }
        };
    }

    /** Records the facts an event creates in the caches; returns the seq of the message it is about (0 if none). */
    private static long remember(PartitionState state, LogEvent event, long offset) {
        return switch (event) {
            case LogEvent.MessagePosted p -> {
                var m = p.message();
                MessageFacts made = new MessageFacts(m.id(), m.conversationId(), m.seq(), m.authorId(), m.createdAt(),
                        m.replyTo(), m.nonce(), offset, null);
                state.messages.put(m.id(), Optional.of(made));
                if (m.nonce() != null) {
                    state.nonces.put(new PartitionState.NonceKey(m.conversationId(), m.authorId(), m.nonce()), Optional.of(made));
                }
                yield m.seq();
            }
            case LogEvent.MessageEdited e -> e.message().seq();
            case LogEvent.MessageDeleted d -> {
                MessageFacts facts = state.messages.get(d.messageId()).orElseThrow();
                state.messages.put(d.messageId(), Optional.of(facts.deletedBy(offset)));
                yield facts.seq();
            }
            default -> 0;
        };
    }

    /** Reads, all at once, the facts the batch's edits, deletions, nonced posts and replies need and the caches lack. */
    private void prefetch(PartitionState state, List<Decoded> records) {
        Map<Long, CompletionStage<Optional<MessageFacts>>> messages = new HashMap<>();
        Map<PartitionState.NonceKey, CompletionStage<Optional<MessageFacts>>> nonces = new HashMap<>();
        for (Decoded d : records) {
            if (!(d.record() instanceof LogRecord.Append a)) {
                continue;
            }
            switch (a.entry()) {
                case LogEntry.EditMessage e -> need(messages, state.messages, e.messageId(), () -> facts.message(e.messageId()));
                case LogEntry.DeleteMessage del -> need(messages, state.messages, del.messageId(),
                        () -> facts.message(del.messageId()));
                case LogEntry.PostMessage p -> {
                    if (p.nonce() != null) {
                        var key = new PartitionState.NonceKey(p.conversationId(), p.authorId(), p.nonce());
                        need(nonces, state.nonces, key, () -> facts.nonce(p.conversationId(), p.authorId(), p.nonce()));
                    }
                    if (p.replyTo() != null) {
                        need(messages, state.messages, p.replyTo(), () -> facts.message(p.replyTo()));
                    }
                }
                default -> { }
            }
        }
        messages.forEach((id, read) -> state.messages.put(id, join(read)));
        nonces.forEach((key, read) -> state.nonces.put(key, join(read)));
    }

    private static <K> void need(Map<K, CompletionStage<Optional<MessageFacts>>> reads, Map<K, Optional<MessageFacts>> cache,
                                 K key, java.util.function.Supplier<CompletionStage<Optional<MessageFacts>>> read) {
        if (!cache.containsKey(key) && !reads.containsKey(key)) {
            reads.put(key, read.get());
        }
    }

    private static Optional<MessageFacts> join(CompletionStage<Optional<MessageFacts>> read) {
        return read.toCompletableFuture().join();
    }
}
