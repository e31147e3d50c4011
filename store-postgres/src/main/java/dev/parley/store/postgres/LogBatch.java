package dev.parley.store.postgres;

import dev.parley.core.error.ParleyException;
import dev.parley.core.event.LogDecision;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogRules;
import dev.parley.store.jdbc.GroupCommit;
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
    private LogBatch() {
    }

    static GroupCommit.Batch run(Connection c, List<LogEntry> entries) throws SQLException {
        Map<Long, Long> heads = lockHeads(c, entries);
        BatchWrites writes = new BatchWrites(c);
        PostgresLogState state = new PostgresLogState(c, writes, heads);
        List<LogEntry> decidable = entries.stream().filter(e -> heads.containsKey(e.conversationId())).toList();
        if (!decidable.isEmpty()) {
            state.prefetch(decidable);
        }
        List<LogEvent> written = new ArrayList<>();
        GroupCommit.Changes changes = new GroupCommit.Changes() {
            @Override
            public void event(LogEvent event) {
                writes.add(event);
                state.applied(event);
                written.add(event);
            }

            @Override
            public void ban(LogDecision.BanChange ban) {
                writes.ban(ban);
                state.applied(ban);
            }
        };
        List<GroupCommit.Outcome> outcomes = new ArrayList<>(entries.size());
        for (LogEntry entry : entries) {
            outcomes.add(heads.containsKey(entry.conversationId())
                    ? GroupCommit.Outcome.decide(entry, state, changes)
                    : GroupCommit.Outcome.refused(ParleyException.notFoundConversation()));
        }
        writes.finish();
        return new GroupCommit.Batch.Committed(outcomes, written);
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
