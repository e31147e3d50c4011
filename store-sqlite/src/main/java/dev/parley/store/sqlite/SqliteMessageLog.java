package dev.parley.store.sqlite;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogDecision;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogListener;
import dev.parley.core.event.LogRules;
import dev.parley.core.event.MessageLog;
import dev.parley.core.message.Message;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded message log: one sequencer thread takes whatever entries are waiting (up to
 * {@code maxBatch}), decides each with {@link LogRules} against the database as the batch has left it so far,
 * writes the events and the rows they change (messages, memberships, channels, bans) in one transaction, and only
 * after the commit tells its {@link LogListener} (which publishes the events) and completes the futures, in
 * order. Many concurrent senders thus share one commit (group commit), no send is acknowledged before it is
 * durable, and no membership or channel change exists without its event.
 *
 * <p>The seq counters live in memory, owned by the sequencer thread, loaded from {@code logs} on first use
 * and dropped whenever a batch fails to commit, so a rolled-back batch never leaves a gap.
 */
public final class SqliteMessageLog implements MessageLog {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteMessageLog.class);
    private static final int MAX_WAITING = 100_000;

    private record Pending(LogEntry entry, CompletableFuture<Appended> future) {
    }

    /** What one entry came to inside the batch: an answer, or a refusal. */
    private record Outcome(Appended appended, RuntimeException refusal) {
    }

    private final SqliteDatabase db;
    private final int maxBatch;
    private final LogListener listener;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<Long, Long> lastSeq = new HashMap<>();
    private final Thread sequencer;
    private volatile boolean closing;

    public SqliteMessageLog(SqliteDatabase db, int maxBatch, LogListener listener) {
        this.db = db;
        this.maxBatch = maxBatch;
        this.listener = listener;
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
        List<LogEvent> written = new ArrayList<>();
        try {
            db.write(c -> {
                apply(c, batch, outcomes, written);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("a batch of {} log entries failed to commit", batch.size(), e);
            lastSeq.clear();
            ParleyException failure = new ParleyException(ErrorCode.UNAVAILABLE, "the change could not be stored");
            batch.forEach(p -> p.future().completeExceptionally(failure));
            return;
        }
        if (!written.isEmpty()) {
            try {
                listener.committed(written);
            } catch (RuntimeException e) {
                LOG.error("the log listener failed on {} committed events", written.size(), e);
            }
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i].refusal() != null) {
                batch.get(i).future().completeExceptionally(outcomes[i].refusal());
            } else {
                batch.get(i).future().complete(outcomes[i].appended());
            }
        }
    }

    private void apply(Connection c, List<Pending> batch, Outcome[] outcomes, List<LogEvent> written) throws SQLException {
        SqliteLogState state = new SqliteLogState(c, lastSeq);
        Map<Long, LogEvent> lastByConversation = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            LogDecision decision;
            try {
                decision = LogRules.decide(batch.get(i).entry(), state);
            } catch (ParleyException refused) {
                outcomes[i] = new Outcome(null, refused);
                continue;
            }
            outcomes[i] = switch (decision) {
                case LogDecision.Repeat r -> new Outcome(new Appended(r.original(), true), null);
                case LogDecision.Unchanged u -> new Outcome(Appended.UNCHANGED, null);
                case LogDecision.Write w -> {
                    for (LogEvent event : w.events()) {
                        write(c, event);
                        lastSeq.put(event.conversationId(), event.seq());
                        lastByConversation.put(event.conversationId(), event);
                        written.add(event);
                    }
                    for (LogDecision.BanChange ban : w.bans()) {
                        ban(c, ban);
                    }
                    yield new Outcome(new Appended(w.events().isEmpty() ? null : w.events().get(0), false), null);
                }
            };
        }
        for (LogEvent last : lastByConversation.values()) {
            Jdbc.update(c, """
                    INSERT INTO logs (conversation_id, last_seq, last_event_at) VALUES (?, ?, ?)
                    ON CONFLICT (conversation_id) DO UPDATE SET last_seq = excluded.last_seq, last_event_at = excluded.last_event_at""",
                    last.conversationId(), last.seq(), last.at());
        }
    }

    /** Writes an event and the rows it changes. */
    private static void write(Connection c, LogEvent event) throws SQLException {
        switch (event) {
            case LogEvent.MessagePosted p -> {
                Message m = p.message();
                Jdbc.update(c, "INSERT INTO messages (" + SqliteMessageStore.MESSAGE_COLUMNS
                                + ") VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?, ?, ?, ?)",
                        m.id(), m.conversationId(), m.seq(), m.authorId(), m.content(), m.createdAt(), m.replyTo(), m.nonce(),
                        SqliteMessageStore.mentionIds(m.mentions()), SqliteMessageStore.mentionFlags(m.mentions()));
                indexMentions(c, m);
                logged(c, event, EventKind.MESSAGE_POSTED, m.id(), null);
            }
            case LogEvent.MessageEdited e -> {
                Message m = e.message();
                Jdbc.update(c, "UPDATE messages SET content = ?, edited_at = ?, mentions = ?, mention_flags = ? WHERE id = ?",
                        m.content(), m.editedAt(), SqliteMessageStore.mentionIds(m.mentions()),
                        SqliteMessageStore.mentionFlags(m.mentions()), m.id());
                Jdbc.update(c, "DELETE FROM mentions WHERE conversation_id = ? AND seq = ?", m.conversationId(), m.seq());
                indexMentions(c, m);
                logged(c, event, EventKind.MESSAGE_EDITED, e.message().id(), null);
            }
            case LogEvent.MessageDeleted d -> {
                Jdbc.update(c, "UPDATE messages SET content = '', deleted = 1 WHERE id = ?", d.messageId());
                logged(c, event, EventKind.MESSAGE_DELETED, d.messageId(), null);
            }
            case LogEvent.MemberAdded a -> {
                Jdbc.update(c, "INSERT INTO memberships (conversation_id, user_id, joined_at, last_read_seq) VALUES (?, ?, ?, ?)",
                        a.conversationId(), a.member().id(), a.at(), a.seq());
                channel(c, a.conversation());
                logged(c, event, EventKind.MEMBER_ADDED, a.member().id(), a.conversation());
            }
            case LogEvent.MemberRemoved r -> {
                Jdbc.update(c, "DELETE FROM memberships WHERE conversation_id = ? AND user_id = ?",
                        r.conversationId(), r.member().id());
                channel(c, r.conversation());
                logged(c, event, EventKind.MEMBER_REMOVED, r.member().id(), r.conversation());
            }
            case LogEvent.ConversationChanged ch -> {
                channel(c, ch.conversation());
                logged(c, event, EventKind.CONVERSATION_CHANGED, null, ch.conversation());
            }
            case LogEvent.ConversationRemoved rc -> {
                Jdbc.update(c, "UPDATE conversations SET deleted = 1 WHERE id = ?", rc.conversationId());
                logged(c, event, EventKind.CONVERSATION_REMOVED, null, null);
            }
        }
    }

    private static void indexMentions(Connection c, Message m) throws SQLException {
        for (long user : m.mentions().userIds()) {
            Jdbc.update(c, "INSERT OR IGNORE INTO mentions (user_id, conversation_id, seq) VALUES (?, ?, ?)",
                    user, m.conversationId(), m.seq());
        }
    }

    private static void ban(Connection c, LogDecision.BanChange ban) throws SQLException {
        if (ban.banned()) {
            Jdbc.update(c, """
                    INSERT INTO bans (conversation_id, user_id, banned_by, banned_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (conversation_id, user_id) DO NOTHING""",
                    ban.conversationId(), ban.userId(), ban.actorId(), ban.at());
        } else {
            Jdbc.update(c, "DELETE FROM bans WHERE conversation_id = ? AND user_id = ?", ban.conversationId(), ban.userId());
        }
    }

    /** Stores what members see of a channel after an event. */
    private static void channel(Connection c, Conversation after) throws SQLException {
        Jdbc.update(c, """
                UPDATE conversations SET name = ?, topic = ?, owner_id = ?, member_count = ?, members_may_mention_all = ?
                WHERE id = ?""",
                after.name(), after.topic(), after.ownerId(), after.memberCount(), after.membersMayMentionAll() ? 1 : 0,
                after.id());
    }

    private static void logged(Connection c, LogEvent event, EventKind kind, Long refId, Conversation after)
            throws SQLException {
        Jdbc.update(c, """
                INSERT INTO events (conversation_id, seq, kind, ref_id, at, name, topic, owner_id, member_count,
                                    members_may_mention_all)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.conversationId(), event.seq(), kind.code, refId, event.at(),
                after == null ? null : after.name(), after == null ? null : after.topic(),
                after == null ? null : after.ownerId(), after == null ? null : after.memberCount(),
                after == null ? null : after.membersMayMentionAll() ? 1 : 0);
    }
}
