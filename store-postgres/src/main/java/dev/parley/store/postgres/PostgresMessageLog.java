package dev.parley.store.postgres;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogListener;
import dev.parley.core.event.LogRules;
import dev.parley.core.event.MessageLog;
import dev.parley.store.jdbc.GroupCommit;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message log on PostgreSQL, shared by every node of a cluster. Each node runs one writer thread
 * ({@link GroupCommit}) that takes whatever entries are waiting (up to {@code maxBatch}) and commits them in one
 * transaction (group commit per node); any node may append to any conversation.
 *
 * <h2>One writer per conversation across nodes</h2>
 * Each conversation has a head row in {@code log_heads} (its last seq and the time of that event). A batch's
 * transaction (READ COMMITTED) starts by creating the missing heads of its conversations and then locking all
 * its heads with {@code SELECT ... FOR UPDATE}, both in ascending conversation id order. Under those locks it
 * reads the state each entry is decided against (memberships, bans, the channel, the message, the nonce: see
 * {@link PostgresLogState}), decides every entry with {@link LogRules}, writes the events with the rows they
 * change, moves the heads, and commits, which releases the locks.
 * <ul>
 *   <li><b>Dense, unique seqs.</b> A batch takes each conversation's last seq from its locked head, never from
 *   memory: a node holds nothing between batches. Another node's batch on the same conversation waits for the
 *   lock and, once it has it, reads the head as this one committed it (READ COMMITTED re-reads a row locked
 *   after a wait). A batch that does not commit leaves its head as it was, so its seqs are given again and none
 *   is skipped. The unique keys on {@code events (conversation_id, seq)} and {@code messages (conversation_id,
 *   seq)} back this up.</li>
 *   <li><b>Decisions on the committed state.</b> Every change of a conversation (a message, an edit, a member
 *   added or removed, a rename, a ban set or lifted) is made by a writer holding its head, so a repeated nonce is
 *   found whichever node stored the original, an edit sees the message as last committed, an owner who left on
 *   one node can no longer add members on another, and a user banned on one node cannot join on another. The
 *   unique nonce index backs up the first.</li>
 *   <li><b>No deadlock.</b> Heads are the only rows two writers both wait for, and every batch takes its heads
 *   in one ascending order, first when inserting missing heads (an insert waits only for another batch
 *   inserting the same head) and then when locking them; the rest of a batch touches rows of its own
 *   conversations only, which no other writer touches while it holds their heads. Waits between writers
 *   therefore always go from a lower id to a higher one and cannot form a cycle. The other transactions on
 *   these tables (creating a conversation, moving a read marker) change one conversation's rows in one short
 *   transaction and never wait for a head, so they cannot close a cycle either. A conversation that did not
 *   exist when the batch began gets no head, and its entries are refused as not found.</li>
 * </ul>
 *
 * <h2>Answers</h2>
 * Only after the commit is the {@link LogListener} told the batch's events (each conversation's in seq order),
 * and only then are the futures completed, in order. An entry that {@link LogRules} refuses fails alone with its
 * {@code ParleyException}. If anything else fails (PostgreSQL unreachable, a timeout, a broken row) the
 * transaction is rolled back and every entry of the batch fails with {@code unavailable}, nothing of it stored.
 * When the connection drops during the commit itself, the batch may have been stored all the same, unannounced:
 * a client that sends again with its nonce gets the original, and readers find the events in the log.
 *
 * <p>Threading: {@link #append} from any thread; everything else on the writer's thread.
 */
public final class PostgresMessageLog implements MessageLog {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMessageLog.class);

    private final PostgresDatabase db;
    private final GroupCommit writer;

    public PostgresMessageLog(PostgresDatabase db, int maxBatch, LogListener listener) {
        this.db = db;
        this.writer = new GroupCommit("parley-postgres-log", maxBatch, this::commit, listener);
    }

    @Override
    public CompletableFuture<Appended> append(LogEntry entry) {
        return writer.append(entry);
    }

    /** Stops taking entries, commits those already taken, then stops the writer. */
    @Override
    public void close() {
        writer.close();
    }

    private GroupCommit.Batch commit(List<LogEntry> entries) {
        try {
            return db.transaction(c -> LogBatch.run(c, entries));
        } catch (Throwable e) {
            // Whatever the batch threw (the driver may even throw an Error on a connection closed under it), the
            // writer fails this batch and lives on: a dead writer would leave every later append waiting forever.
            reportFailure(entries.size(), e);
            return new GroupCommit.Batch.Failed(
                    new ParleyException(ErrorCode.UNAVAILABLE, "the change could not be stored; try again"));
        }
    }

    /** While the database is away every batch fails the same way: one line each, not a stack trace. */
    private static void reportFailure(int entries, Throwable e) {
        if (e instanceof SQLException sql && StoreFailures.isUnavailable(sql)) {
            LOG.warn("a batch of {} log entries was not stored: the database is unavailable ({})", entries, e.toString());
        } else {
            LOG.error("a batch of {} log entries failed to commit", entries, e);
        }
    }
}
