package dev.parley.store.jdbc;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogDecision;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogListener;
import dev.parley.core.event.LogRules;
import dev.parley.core.event.LogState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message log's writer: one thread takes whatever entries are waiting (up to {@code maxBatch}) and has its
 * {@link Committer} store them in one transaction. Only after the commit is the {@link LogListener} told the events
 * written, and only then are the futures completed, in order. Many concurrent senders thus share one commit (group
 * commit), and no append is acknowledged before it is durable. When a batch is not stored, every entry of it fails
 * with the committer's failure.
 *
 * <p>At most {@value #MAX_WAITING} entries wait; beyond that, and once closing, an append fails at once with
 * {@code unavailable}. {@link #close} stops taking entries, commits those already taken, then stops the writer.
 *
 * <p>Threading: {@link #append} and {@link #close} from any thread; the committer and the listener run on the
 * writer's thread only.
 */
public final class GroupCommit {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_WAITING = 100_000;

    /** Stores one batch in one transaction; runs on the writer's thread. */
    @FunctionalInterface
    public interface Committer {
        Batch commit(List<LogEntry> entries);
    }

    /** What a batch came to: committed, with each entry's outcome and the events written, or not stored at all. */
    public sealed interface Batch {
        /** Each entry's outcome, in the order of the entries, and the events written, each conversation's in seq order. */
        record Committed(List<Outcome> outcomes, List<LogEvent> written) implements Batch {
        }

        /** Nothing of the batch was stored; every entry fails with {@code failure}. */
        record Failed(ParleyException failure) implements Batch {
        }
    }

    /** What one entry came to inside its batch: an answer, or a refusal. */
    public record Outcome(Appended appended, ParleyException refusal) {
        public static Outcome refused(ParleyException refusal) {
            return new Outcome(null, refusal);
        }

        /**
         * Decides the entry with {@link LogRules} against {@code state}; a write's events, then its bans, go to
         * {@code changes} in order.
         */
        public static Outcome decide(LogEntry entry, LogState state, Changes changes) throws SQLException {
            LogDecision decision;
            try {
                decision = LogRules.decide(entry, state);
            } catch (ParleyException refused) {
                return refused(refused);
            }
            return switch (decision) {
                case LogDecision.Repeat r -> new Outcome(new Appended(r.original(), true), null);
                case LogDecision.Unchanged u -> new Outcome(Appended.UNCHANGED, null);
                case LogDecision.Write w -> {
                    for (LogEvent event : w.events()) {
                        changes.event(event);
                    }
                    for (LogDecision.BanChange ban : w.bans()) {
                        changes.ban(ban);
                    }
                    yield new Outcome(new Appended(w.events().isEmpty() ? null : w.events().get(0), false), null);
                }
            };
        }
    }

    /** Where a decided entry's changes go, inside the batch's transaction. */
    public interface Changes {
        void event(LogEvent event) throws SQLException;

        void ban(LogDecision.BanChange ban) throws SQLException;
    }

    private record Pending(LogEntry entry, CompletableFuture<Appended> future) {
    }

    private final int maxBatch;
    private final Committer committer;
    private final LogListener listener;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Thread writer;
    private volatile boolean closing;

    /** Starts the writer's thread, named {@code threadName}. */
    public GroupCommit(String threadName, int maxBatch, Committer committer, LogListener listener) {
        this.maxBatch = maxBatch;
        this.committer = committer;
        this.listener = listener;
        this.writer = Thread.ofPlatform().name(threadName).daemon(false).start(this::run);
    }

    /**
     * Queues an entry. Taking the entry and starting to close share a lock, so nothing is queued after the
     * writer's last look at the queue.
     */
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

    /** Stops taking entries, commits those already taken, then stops the writer (waiting for it up to 30 s). */
    public void close() {
        synchronized (queue) {
            closing = true;
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
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
        switch (committer.commit(batch.stream().map(Pending::entry).toList())) {
            case Batch.Failed f -> batch.forEach(p -> p.future().completeExceptionally(f.failure()));
            case Batch.Committed done -> {
                tell(done.written());
                for (int i = 0; i < batch.size(); i++) {
                    Outcome outcome = done.outcomes().get(i);
                    if (outcome.refusal() != null) {
                        batch.get(i).future().completeExceptionally(outcome.refusal());
                    } else {
                        batch.get(i).future().complete(outcome.appended());
                    }
                }
            }
        }
    }

    private void tell(List<LogEvent> written) {
        if (written.isEmpty()) {
            return;
        }
        try {
            listener.committed(written);
        } catch (RuntimeException e) {
            LOG.error("the log listener failed on {} committed events", written.size(), e);
        }
    }
}
