package dev.parley.log.kafka;

import dev.parley.core.cluster.NodeMailbox;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogListener;
import dev.parley.core.event.MessageLog;
import dev.parley.core.message.MessageStore;
import dev.parley.store.cassandra.CassandraLogRows;
import dev.parley.store.postgres.PostgresConversationRows;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message log on Kafka (second tier). Every conversation's records go to one partition of the log's topic (its id's
 * hash modulo the partition count), and each partition has one owner at a time: the member of the consumer group
 * {@code log.kafka.group} it is assigned to, one per node ({@link LogConsumer}, {@link PartitionOwnership}). The
 * partition's record order is the log's order: its owner derives each event's seq from the records before it
 * ({@link Sequencer}), writes idempotently to Cassandra (and PostgreSQL for memberships and channels), tells the
 * {@link LogListener}, writes each record's outcome, and commits its position.
 *
 * <h2>Appending</h2>
 * {@link #append} produces one record (idempotent producer, {@code acks=all}) and waits for its outcome: completed at
 * once when this node owns the partition; otherwise the owner, once it has written the outcome to Cassandra's
 * {@code outcomes}, sends it to this node's box of the {@link NodeMailbox} (Redis). Only what that does not bring is
 * read from {@code outcomes}: after 250 ms and then every 250 ms, or, with no mailbox, first after 2 ms, then backing
 * off to every 50 ms. No outcome within {@code log.kafka.append.timeout.ms}: {@code unavailable} — the record
 * may still be sequenced later, and a client that sends again with its nonce gets the original. A node's appends of one
 * conversation are answered in the order they were made (which is their seq order: one producer keeps a partition's
 * records in send order).
 *
 * <p>{@link #opened} produces a record that tells the partition's owner about a new conversation (its facts and
 * members). If the log never got it (the node died in between), the first append finds the conversation unknown to the
 * log; the appending node then reads the conversation from PostgreSQL — where nothing can have changed it, since every
 * change goes through the log — announces it, and appends again. So that such a repair cannot reorder a node's
 * appends, a node sends one append at a time for a conversation until the log has answered one of them; from then on
 * they are pipelined.
 *
 * <p>Threading: every method from any thread.
 */
public final class KafkaMessageLog implements MessageLog {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaMessageLog.class);
    private static final long FIRST_POLL_MS = 2;
    private static final long MAX_POLL_MS = 50;
    /** With a mailbox, outcomes come by it; reading them is the fallback for one lost on the way. */
    private static final long MAIL_FALLBACK_MS = 250;
    /** When this node owns the partition it is told the outcome directly; it still reads it after this, in case the owner moved. */
    private static final long LOCAL_FALLBACK_MS = 1_000;
    private static final long CLOSE_GRACE_MS = 30_000;
    private static final int KNOWN_CONVERSATIONS = 100_000;

    /** One record waiting for its outcome. */
    private final class Waiter {
        final UUID id;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        int polls;
        volatile ScheduledFuture<?> timer;

        Waiter(UUID id) {
            this.id = id;
        }
    }

    /** An append's answer and whether its record (the last, after a repair) has been sent. */
    private record Pending(CompletableFuture<Appended> answer, CompletableFuture<Void> sent) {
    }

    private final KafkaLogSettings settings;
    private final Producer<Long, byte[]> producer;
    private final CassandraLogRows rows;
    private final MessageStore messages;
    private final ConversationStore conversations;
    private final String node;
    private final PartitionOwnership ownership;
    private final LogConsumer consumer;
    private final NodeMailbox mailbox;
    private volatile boolean mailboxOpen;
    private final Thread consumerThread;
    private final ScheduledExecutorService timers;
    private final ExecutorService answers = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService[] lanes = new ExecutorService[4];
    private final Map<UUID, Waiter> waiters = new ConcurrentHashMap<>();
    private final Map<Long, Pending> tails = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> repairs = new ConcurrentHashMap<>();
    /** Conversations the log has answered an append of (so it knows them); forgotten wholesale past a bound. */
    private final Set<Long> known = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private final Object sending = new Object();
    private volatile boolean closing;

    /**
     * Starts this node's member of the log's consumer group. The topic must exist ({@link KafkaClients#ensureTopic}).
     * {@code producer} is the node's, shared and closed by its owner; {@code conversations} is PostgreSQL's store (read
     * only to repair a conversation the log was never told about). {@code mailbox} carries outcomes between the nodes
     * ({@link NodeMailbox#NONE}: read them all from Cassandra); the log closes it when it closes.
     */
    public KafkaMessageLog(KafkaLogSettings settings, Producer<Long, byte[]> producer, CassandraLogRows rows,
                           MessageStore messages, PostgresConversationRows conversationRows, ConversationStore conversations,
                           NodeMailbox mailbox, LogListener listener) {
        this.settings = settings;
        this.producer = producer;
        this.rows = rows;
        this.messages = messages;
        this.conversations = conversations;
        this.node = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.mailbox = mailbox;
        mailbox.open(node, this::mailed).whenComplete((v, failure) -> {
            if (failure == null) {
                mailboxOpen = true;
            } else if (mailbox != NodeMailbox.NONE) {
                LOG.warn("outcomes of appends will be read from Cassandra only: the mailbox did not open ({})", failure.toString());
            }
        });
        var kafkaConsumer = KafkaClients.consumer(settings, "parley-log-" + node);
        this.ownership = new PartitionOwnership(kafkaConsumer, settings.topic(), rows);
        this.consumer = new LogConsumer(kafkaConsumer, settings, ownership, new Sequencer(new LogFacts() {
            @Override
            public java.util.concurrent.CompletionStage<java.util.Optional<dev.parley.store.cassandra.MessageFacts>> message(long id) {
                return rows.message(id);
            }

            @Override
            public java.util.concurrent.CompletionStage<java.util.Optional<dev.parley.store.cassandra.MessageFacts>> nonce(
                    long conversationId, long authorId, String nonce) {
                return rows.nonce(conversationId, authorId, nonce);
            }
        }), rows, conversationRows, listener, this::answered);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("parley-kafka-log-timers")
                .daemon(true).unstarted(r));
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("parley-kafka-log-answers-" + i).daemon(true).factory());
        }
        this.consumerThread = Thread.ofPlatform().name("parley-kafka-log").daemon(false).start(consumer);
    }

    /** The partition of a conversation: a stable hash of its id (Snowflake ids are sequential), modulo the count. */
    public static int partition(long conversationId, int partitions) {
        long h = conversationId;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Math.floorMod(h, (long) partitions);
    }

    @Override
    public CompletableFuture<Appended> append(LogEntry entry) {
        long c = entry.conversationId();
        Pending mine = new Pending(new CompletableFuture<>(), new CompletableFuture<>());
        Pending previous;
        CompletableFuture<Outcome> outcome;
        synchronized (sending) {
            if (closing) {
                return CompletableFuture.failedFuture(new ParleyException(ErrorCode.UNAVAILABLE, "the node is shutting down"));
            }
            pending.incrementAndGet();
            previous = tails.put(c, mine);
            if (previous == null || (known.contains(c) && previous.sent().isDone())) {
                outcome = send(new LogRecord.Append(UUID.randomUUID(), node, entry));
            } else {
                outcome = null;
            }
        }
        if (outcome == null) {
            // Until the log has answered one append of this conversation, it may not know the conversation: an
            // append sent now could be sequenced before an earlier one that comes back unknown and is sent again.
            // So this one waits for the one before it to be decided.
            outcome = previous.answer().handle((a, t) -> null).thenCompose(v -> {
                synchronized (sending) {
                    return send(new LogRecord.Append(UUID.randomUUID(), node, entry));
                }
            });
        }
        CompletableFuture<Appended> decided = outcome.handleAsync((o, failure) -> {
            if (failure != null || !(o instanceof Outcome.Unknown)) {
                if (failure == null) {
                    remember(c);
                }
                mine.sent().complete(null);
                return failure != null ? CompletableFuture.<Appended>failedFuture(failure) : answer(entry, o);
            }
            CompletableFuture<Void> before = previous == null ? CompletableFuture.completedFuture(null) : previous.sent();
            return before.handle((v, t) -> null).thenCompose(v -> repair(c)).thenCompose(v -> {
                CompletableFuture<Outcome> again = send(new LogRecord.Append(UUID.randomUUID(), node, entry));
                mine.sent().complete(null);
                return again;
            }).thenApplyAsync(o2 -> o2 instanceof Outcome.Unknown ? failedAnswer(ParleyException.notFoundConversation())
                    : answer(entry, o2), answers).thenCompose(f -> f)
                    .whenComplete((a, t) -> mine.sent().complete(null));
        }, answers).thenCompose(f -> f);
        decided.whenComplete((appended, failure) -> {
            Runnable finish = () -> {
                if (failure != null) {
                    mine.answer().completeExceptionally(unwrap(failure));
                } else {
                    mine.answer().complete(appended);
                }
                tails.remove(c, mine);
                pending.decrementAndGet();
            };
            // Answers of a conversation complete one lane task at a time, each after the one before it, so whatever
            // waits on an earlier answer has run before a later one completes.
            ExecutorService lane = lanes[Math.floorMod(Long.hashCode(c), lanes.length)];
            if (previous == null) {
                lane.execute(finish);
            } else {
                previous.answer().whenComplete((x, y) -> lane.execute(finish));
            }
        });
        return mine.answer();
    }

    /**
     * Appends entries without waiting for their outcomes: for tools that fill a log (the history loader), never for
     * clients, who need each append's answer. The records are produced in order, like {@link #append}'s, and the
     * partition's owner sequences and writes them like any others; the future completes once Kafka has acknowledged
     * them all, not once they are written: a caller that needs them written waits for the conversation's position in
     * the {@link MessageStore}. The log must already know the conversation (one {@link #append} of it answered).
     */
    public CompletableFuture<Void> appendUnanswered(List<? extends LogEntry> entries) {
        if (closing) {
            return CompletableFuture.failedFuture(new ParleyException(ErrorCode.UNAVAILABLE, "the node is shutting down"));
        }
        List<CompletableFuture<Void>> acked = new java.util.ArrayList<>(entries.size());
        synchronized (sending) {
            for (LogEntry entry : entries) {
                acked.add(produce(new LogRecord.Append(UUID.randomUUID(), node, entry)));
            }
        }
        return CompletableFuture.allOf(acked.toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletableFuture<Void> opened(Conversation conversation, List<Long> memberIds) {
        if (closing) {
            return CompletableFuture.failedFuture(new ParleyException(ErrorCode.UNAVAILABLE, "the node is shutting down"));
        }
        return produce(new LogRecord.Open(UUID.randomUUID(), node, conversation, List.copyOf(memberIds)));
    }

    private void remember(long conversationId) {
        if (known.size() >= KNOWN_CONVERSATIONS) {
            known.clear();
        }
        known.add(conversationId);
    }

    /** Announces, once at a time per conversation, a conversation that exists in PostgreSQL but not yet in the log. */
    private CompletableFuture<Void> repair(long conversationId) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = repairs.putIfAbsent(conversationId, mine);
        if (running != null) {
            return running;
        }
        CompletableFuture.supplyAsync(() -> conversations.find(conversationId), answers).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            List<Long> members = conversations.members(conversationId, null, 1_000).items();
            LOG.info("conversation {} was not announced to the log: announcing it now", conversationId);
            return produce(new LogRecord.Open(UUID.randomUUID(), node, found.get(), members));
        }).whenComplete((v, t) -> {
            repairs.remove(conversationId, mine);
            if (t != null) {
                mine.completeExceptionally(t);
            } else {
                mine.complete(null);
            }
        });
        return mine;
    }

    private CompletableFuture<Appended> answer(LogEntry entry, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Written w -> CompletableFuture.completedFuture(new Appended(w.primary(), false));
            case Outcome.Repeat r -> messages.find(entry.conversationId(), r.messageId())
                    .map(m -> CompletableFuture.completedFuture(new Appended(
                            new LogEvent.MessagePosted(m.conversationId(), r.seq(), m.createdAt(), m), true)))
                    .orElseGet(() -> failedAnswer(new ParleyException(ErrorCode.UNAVAILABLE, "the original message is not readable yet")));
            case Outcome.Unchanged u -> CompletableFuture.completedFuture(Appended.UNCHANGED);
            case Outcome.Refused r -> failedAnswer(new ParleyException(r.code(), r.message()));
            case Outcome.Unknown u -> failedAnswer(ParleyException.notFoundConversation());
        };
    }

    private static CompletableFuture<Appended> failedAnswer(Throwable t) {
        return CompletableFuture.failedFuture(t);
    }

    /** Sends an append's record and returns its outcome, when the owner has written it. */
    private CompletableFuture<Outcome> send(LogRecord.Append record) {
        Waiter w = new Waiter(record.id());
        waiters.put(w.id, w);
        w.outcome.whenComplete((o, t) -> {
            waiters.remove(w.id);
            ScheduledFuture<?> timer = w.timer;
            if (timer != null) {
                timer.cancel(false);
            }
        });
        w.timer = schedule(w, () -> w.outcome.completeExceptionally(new ParleyException(ErrorCode.UNAVAILABLE,
                "the message log did not answer in time; try again")), settings.appendTimeout().toMillis());
        int partition = partition(record.conversationId(), settings.partitions());
        produce(record, partition).whenComplete((v, t) -> {
            if (t != null) {
                w.outcome.completeExceptionally(t);
            } else {
                schedulePoll(w, ownership.owns(partition) ? LOCAL_FALLBACK_MS : mailboxOpen ? MAIL_FALLBACK_MS : FIRST_POLL_MS);
            }
        });
        return w.outcome;
    }

    private CompletableFuture<Void> produce(LogRecord record) {
        return produce(record, partition(record.conversationId(), settings.partitions()));
    }

    private CompletableFuture<Void> produce(LogRecord record, int partition) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(settings.topic(), partition, record.conversationId(), Records.encode(record)),
                    (metadata, failure) -> {
                        if (failure != null) {
                            LOG.warn("a record was not written to the log: {}", failure.toString());
                            acked.completeExceptionally(new ParleyException(ErrorCode.UNAVAILABLE, "the message log is unavailable"));
                        } else {
                            acked.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("a record could not be sent to the log: {}", e.toString());
            acked.completeExceptionally(new ParleyException(ErrorCode.UNAVAILABLE, "the message log is unavailable"));
        }
        return acked;
    }

    private void schedulePoll(Waiter w, long delayMs) {
        schedule(w, () -> rows.outcome(w.id).whenComplete((found, failure) -> {
            if (w.outcome.isDone()) {
                return;
            }
            if (failure == null && found.isPresent()) {
                w.outcome.complete(Records.decodeOutcome(found.get()));
            } else {
                w.polls++;
                schedulePoll(w, mailboxOpen ? MAIL_FALLBACK_MS : Math.min(MAX_POLL_MS, (long) (FIRST_POLL_MS * Math.pow(1.5, w.polls))));
            }
        }), delayMs);
    }

    private ScheduledFuture<?> schedule(Waiter w, Runnable task, long delayMs) {
        if (w.outcome.isDone()) {
            return null;
        }
        try {
            return timers.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            w.outcome.completeExceptionally(new ParleyException(ErrorCode.UNAVAILABLE, "the node is shutting down"));
            return null;
        }
    }

    /** The consumer's outcomes: this node's records are answered here, other nodes' are sent to their boxes. */
    private void answered(Map<UUID, Outcome> outcomes, Map<UUID, String> appenders) {
        Map<String, Map<UUID, Outcome>> others = new HashMap<>();
        outcomes.forEach((id, outcome) -> {
            String appender = appenders.get(id);
            if (node.equals(appender)) {
                complete(id, outcome);
            } else if (appender != null) {
                others.computeIfAbsent(appender, n -> new LinkedHashMap<>()).put(id, outcome);
            }
        });
        others.forEach((appender, theirs) -> mailbox.send(appender, Records.encodeOutcomes(theirs)));
    }

    /** Outcomes the owner of a partition sent to this node. */
    private void mailed(byte[] message) {
        Records.decodeOutcomes(message).forEach(this::complete);
    }

    private void complete(UUID id, Outcome outcome) {
        Waiter w = waiters.get(id);
        if (w != null) {
            w.outcome.complete(outcome);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Stops taking appends, waits (up to 30 s) for those under way to be answered, then hands this node's partitions
     * over (committing their positions) and stops the consumer. The producer is the caller's to close.
     */
    @Override
    public void close() {
        synchronized (sending) {
            if (closing) {
                return;
            }
            closing = true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MS);
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (pending.get() > 0) {
            LOG.warn("{} appends were still unanswered when the log closed", pending.get());
            consumer.abandon();
        } else {
            consumer.stop();
        }
        try {
            consumerThread.join(TimeUnit.SECONDS.toMillis(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        mailbox.close();
        answers.shutdown();
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        ParleyException closed = new ParleyException(ErrorCode.UNAVAILABLE, "the node is shutting down");
        waiters.values().forEach(w -> w.outcome.completeExceptionally(closed));
    }
}
