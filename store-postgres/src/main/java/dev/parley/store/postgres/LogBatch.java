package dev.parley.store.postgres;

import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogDecision;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogRules;
import dev.parley.store.jdbc.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The work of one transaction of the log's writer (see {@link PostgresMessageLog} for why it is safe across
 * nodes): lock the heads of the batch's conversations in ascending id order, decide every entry with
 * {@link LogRules} against the state under those locks, and write the events, the rows they change (bans too) and
 * the new heads. The caller commits.
 */
final class LogBatch {
    /** What one entry came to: an answer, or a refusal. */
    record Outcome(Appended appended, ParleyException refusal) {
    }

    /** Each entry's outcome, in the order of the entries, and the events written, each conversation's in seq order. */
    record Result(List<Outcome> outcomes, List<LogEvent> written) {
    }

    private LogBatch() {
    }

    static Result run(Connection c, List<LogEntry> entries) throws SQLException {
        Map<Long, Long> heads = lockHeads(c, entries);
        BatchWrites writes = new BatchWrites(c);
        PostgresLogState state = new PostgresLogState(c, writes, heads);
        List<LogEntry> decidable = entries.stream().filter(e -> heads.containsKey(e.conversationId())).toList();
        if (!decidable.isEmpty()) {
            state.prefetch(decidable);
        }
        List<Outcome> outcomes = new ArrayList<>(entries.size());
        List<LogEvent> written = new ArrayList<>();
        for (LogEntry entry : entries) {
            if (!heads.containsKey(entry.conversationId())) {
                outcomes.add(new Outcome(null, ParleyException.notFoundConversation()));
                continue;
            }
            LogDecision decision;
            try {
                decision = LogRules.decide(entry, state);
            } catch (ParleyException refused) {
                outcomes.add(new Outcome(null, refused));
                continue;
            }
            outcomes.add(switch (decision) {
                case LogDecision.Repeat r -> new Outcome(new Appended(r.original(), true), null);
                case LogDecision.Unchanged u -> new Outcome(Appended.UNCHANGED, null);
                case LogDecision.Write w -> {
                    for (LogEvent event : w.events()) {
                        writes.add(event);
                        state.applied(event);
                        written.add(event);
                    }
                    for (LogDecision.BanChange ban : w.bans()) {
                        writes.ban(ban);
                        state.applied(ban);
                    }
                    yield new Outcome(new Appended(w.events().isEmpty() ? null : w.events().get(0), false), null);
                }
            });
        }
        writes.finish();
        return new Result(outcomes, written);
    }

    /**
     * Creates the missing heads of the batch's existing conversations, then locks all of them, both in ascending
     * conversation id order; returns each locked head's last seq. A conversation without a head does not exist.
     */
    private static Map<Long, Long> lockHeads(Connection c, List<LogEntry> entries) throws SQLException {
        Array ids = Jdbc.bigints(c, entries.stream().map(LogEntry::conversationId).distinct().sorted().toList());
        Jdbc.update(c, """
                INSERT INTO log_heads (conversation_id, last_seq)
                SELECT id, 0 FROM conversations WHERE id = ANY(?) ORDER BY id
                ON CONFLICT (conversation_id) DO NOTHING""", ids);
        Map<Long, Long> heads = new HashMap<>();
        for (long[] head : Jdbc.list(c, """
                SELECT conversation_id, last_seq FROM log_heads WHERE conversation_id = ANY(?)
                ORDER BY conversation_id FOR UPDATE""", rs -> new long[] {rs.getLong(1), rs.getLong(2)}, ids)) {
            heads.put(head[0], head[1]);
        }
        return heads;
    }
}
