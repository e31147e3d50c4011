package dev.parley.store.sqlite;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.MessageLog;
import dev.parley.core.message.Message;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded message log: one sequencer thread takes whatever entries are waiting (up to
 * {@code maxBatch}), gives each the next seq of its conversation, writes them all in one transaction and
 * only after the commit completes their futures, in order. Many concurrent senders thus share one commit
 * (group commit), and no send is acknowledged before it is durable.
 *
 * <p>The seq counters live in memory, owned by the sequencer thread, loaded from {@code logs} on first use
 * and dropped whenever a batch fails to commit, so a rolled-back batch never leaves a gap.
 */
public final class SqliteMessageLog implements MessageLog {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteMessageLog.class);
    private static final int MAX_WAITING = 100_000;

    private record Pending(LogEntry entry, CompletableFuture<Appended> future) {
    }

    /** What one entry came to inside the batch: an event, a repeat of an earlier post, or a refusal. */
    private record Outcome(Appended appended, RuntimeException refusal) {
    }

    private final SqliteDatabase db;
    private final int maxBatch;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<Long, Long> lastSeq = new HashMap<>();
    private final Thread sequencer;
    private volatile boolean closing;

    public SqliteMessageLog(SqliteDatabase db, int maxBatch) {
        this.db = db;
        this.maxBatch = maxBatch;
        this.sequencer = Thread.ofPlatform().name("parley-sequencer").daemon(false).start(this::run);
    }

    /**
     * Queues an entry. Taking the entry and starting to close share a lock, so nothing is queued after the
     * sequencer's last look at the queue.
     */
    @Override
    public CompletableFuture<Appended> append(LogEntry entry) {
        synchronized (queue) {
            if (closing) {
                return CompletableFuture.failedFuture(new ParleyException(ErrorCode.UNAVAILABLE, "the node is shutting down"));
            }
            if (waiting.incrementAndGet() > MAX_WAITING) {
                waiting.decrementAndGet();
                return CompletableFuture.failedFuture(new ParleyException(ErrorCode.UNAVAILABLE, "the message log is overloaded"));
            }
            CompletableFuture<Appended> future = new CompletableFuture<>();
            queue.add(new Pending(entry, future));
            return future;
        }
    }

    @Override
    public void close() {
        synchronized (queue) {
            closing = true;
        }
        try {
            sequencer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                waiting.addAndGet(-batch.size());
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        Outcome[] outcomes = new Outcome[batch.size()];
        try {
            db.write(c -> {
                apply(c, batch, outcomes);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("a batch of {} log entries failed to commit", batch.size(), e);
            lastSeq.clear();
            ParleyException failure = new ParleyException(ErrorCode.UNAVAILABLE, "the message could not be stored");
            batch.forEach(p -> p.future().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i].refusal() != null) {
                batch.get(i).future().completeExceptionally(outcomes[i].refusal());
            } else {
                batch.get(i).future().complete(outcomes[i].appended());
            }
        }
    }

    private void apply(Connection c, List<Pending> batch, Outcome[] outcomes) throws SQLException {
        Map<String, Appended> postedByNonce = new HashMap<>();
        Map<Long, LogEvent> lastByConversation = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            LogEntry entry = batch.get(i).entry();
            outcomes[i] = switch (entry) {
                case LogEntry.PostMessage p -> post(c, p, postedByNonce);
                case LogEntry.EditMessage e -> edit(c, e);
                case LogEntry.DeleteMessage d -> delete(c, d);
                case LogEntry.AddMember a ->
                        logged(c, new LogEvent.MemberAdded(a.conversationId(), nextSeq(c, a.conversationId()), a.at(), a.userId()),
                                EventKind.MEMBER_ADDED, a.userId());
                case LogEntry.RemoveMember r ->
                        logged(c, new LogEvent.MemberRemoved(r.conversationId(), nextSeq(c, r.conversationId()), r.at(), r.userId()),
                                EventKind.MEMBER_REMOVED, r.userId());
                case LogEntry.ChangeConversation ch ->
                        logged(c, new LogEvent.ConversationChanged(ch.conversationId(), nextSeq(c, ch.conversationId()), ch.at()),
                                EventKind.CONVERSATION_CHANGED, null);
                case LogEntry.RemoveConversation rc ->
                        logged(c, new LogEvent.ConversationRemoved(rc.conversationId(), nextSeq(c, rc.conversationId()), rc.at()),
                                EventKind.CONVERSATION_REMOVED, null);
            };
            Appended appended = outcomes[i].appended();
            if (appended != null && !appended.duplicate()) {
                lastByConversation.put(entry.conversationId(), appended.event());
            }
        }
        for (LogEvent last : lastByConversation.values()) {
            Jdbc.update(c, """
                    INSERT INTO logs (conversation_id, last_seq, last_event_at) VALUES (?, ?, ?)
                    ON CONFLICT (conversation_id) DO UPDATE SET last_seq = excluded.last_seq, last_event_at = excluded.last_event_at""",
                    last.conversationId(), last.seq(), last.at());
        }
    }

    private Outcome post(Connection c, LogEntry.PostMessage p, Map<String, Appended> postedByNonce) throws SQLException {
        String key = p.nonce() == null ? null : p.conversationId() + ":" + p.authorId() + ":" + p.nonce();
        if (key != null) {
            Appended earlier = postedByNonce.get(key);
            if (earlier != null) {
                return new Outcome(new Appended(earlier.event(), true), null);
            }
            Optional<Message> stored = Jdbc.one(c, SqliteMessageStore.BY_NONCE,
                    SqliteMessageStore::message, p.conversationId(), p.authorId(), p.nonce());
            if (stored.isPresent()) {
                Message m = stored.get();
                return new Outcome(new Appended(new LogEvent.MessagePosted(m.conversationId(), m.seq(), m.createdAt(), m), true), null);
            }
        }
        long seq = nextSeq(c, p.conversationId());
        Message m = new Message(p.messageId(), p.conversationId(), seq, p.authorId(), p.content(), p.at(), null, false,
                p.replyTo(), p.nonce());
        Jdbc.update(c, "INSERT INTO messages (" + SqliteMessageStore.MESSAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?, ?)",
                m.id(), m.conversationId(), seq, m.authorId(), m.content(), m.createdAt(), m.replyTo(), m.nonce());
        Outcome outcome = logged(c, new LogEvent.MessagePosted(p.conversationId(), seq, p.at(), m), EventKind.MESSAGE_POSTED, m.id());
        if (key != null) {
            postedByNonce.put(key, outcome.appended());
        }
        return outcome;
    }

    private Outcome edit(Connection c, LogEntry.EditMessage e) throws SQLException {
        Optional<Message> current = live(c, e.conversationId(), e.messageId());
        if (current.isEmpty()) {
            return new Outcome(null, ParleyException.notFound("message"));
        }
        long seq = nextSeq(c, e.conversationId());
        Jdbc.update(c, "UPDATE messages SET content = ?, edited_at = ? WHERE id = ?", e.content(), e.at(), e.messageId());
        Message m = current.get();
        Message edited = new Message(m.id(), m.conversationId(), m.seq(), m.authorId(), e.content(), m.createdAt(), e.at(),
                false, m.replyTo(), m.nonce());
        return logged(c, new LogEvent.MessageEdited(e.conversationId(), seq, e.at(), edited), EventKind.MESSAGE_EDITED, m.id());
    }

    private Outcome delete(Connection c, LogEntry.DeleteMessage d) throws SQLException {
        if (live(c, d.conversationId(), d.messageId()).isEmpty()) {
            return new Outcome(null, ParleyException.notFound("message"));
        }
        long seq = nextSeq(c, d.conversationId());
        Jdbc.update(c, "UPDATE messages SET content = '', deleted = 1 WHERE id = ?", d.messageId());
        return logged(c, new LogEvent.MessageDeleted(d.conversationId(), seq, d.at(), d.messageId()),
                EventKind.MESSAGE_DELETED, d.messageId());
    }

    private static Optional<Message> live(Connection c, long conversationId, long messageId) throws SQLException {
        return Jdbc.one(c, "SELECT " + SqliteMessageStore.MESSAGE_COLUMNS
                        + " FROM messages WHERE id = ? AND conversation_id = ? AND deleted = 0",
                SqliteMessageStore::message, messageId, conversationId);
    }

    private static Outcome logged(Connection c, LogEvent event, EventKind kind, Long refId) throws SQLException {
        Jdbc.update(c, "INSERT INTO events (conversation_id, seq, kind, ref_id, at) VALUES (?, ?, ?, ?, ?)",
                event.conversationId(), event.seq(), kind.code, refId, event.at());
        return new Outcome(new Appended(event, false), null);
    }

    private long nextSeq(Connection c, long conversationId) throws SQLException {
        Long last = lastSeq.get(conversationId);
        if (last == null) {
            last = Jdbc.one(c, "SELECT last_seq FROM logs WHERE conversation_id = ?", rs -> rs.getLong(1), conversationId)
                    .orElse(0L);
        }
        long next = last + 1;
        lastSeq.put(conversationId, next);
        return next;
    }
}
