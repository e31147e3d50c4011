package dev.parley.log.kafka;

import dev.parley.core.event.LogListener;
import dev.parley.store.cassandra.CassandraLogRows;
import dev.parley.store.postgres.PostgresConversationRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's member of the log's consumer group: one thread that polls the partitions this node owns and, for each
 * poll, sequences every partition's records ({@link Sequencer}), then makes the results durable in order — the events,
 * messages and nonces in Cassandra, then the membership and channel rows in PostgreSQL — tells the {@link LogListener},
 * writes the outcomes (which answers the appends, on whichever node they wait), and commits the partitions' positions.
 * A failed write is retried (every write is idempotent) until it succeeds; meanwhile the partitions wait. Every
 * {@code snapshotRecords} records or {@code snapshotInterval} an owned partition's state is snapshotted to Cassandra.
 *
 * <p>Threading: {@link #run} is the consumer thread; {@link #stop} and {@link #abandon} may be called from any thread.
 */
final class LogConsumer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** Thrown out of a retry loop once the log gave up waiting for its engines. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    private final KafkaConsumer<Long, byte[]> consumer;
    private final KafkaLogSettings settings;
    private final PartitionOwnership ownership;
    private final Sequencer sequencer;
    private final CassandraLogRows cassandra;
    private final PostgresConversationRows postgres;
    private final LogListener listener;
    private final BiConsumer<Map<UUID, Outcome>, Map<UUID, String>> answered;
    private volatile boolean stopping;
    private volatile boolean abandoned;

    LogConsumer(KafkaConsumer<Long, byte[]> consumer, KafkaLogSettings settings, PartitionOwnership ownership,
                Sequencer sequencer, CassandraLogRows cassandra, PostgresConversationRows postgres, LogListener listener,
                BiConsumer<Map<UUID, Outcome>, Map<UUID, String>> answered) {
        this.consumer = consumer;
        this.settings = settings;
        this.ownership = ownership;
        this.sequencer = sequencer;
        this.cassandra = cassandra;
        this.postgres = postgres;
        this.listener = listener;
        this.answered = answered;
    }

    /** Ends the loop after the batch under way; owned partitions are committed and handed over. */
    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /** Ends the loop now, committing nothing more: for when the engines do not come back in time. */
    void abandon() {
        abandoned = true;
        ownership.abandon();
        stop();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(settings.topic()), ownership);
            while (!stopping) {
                try {
                    ownership.loadPaused();
                    ConsumerRecords<Long, byte[]> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        process(records);
                    }
                    snapshots();
                } catch (WakeupException e) {
                    // stop() or abandon(): the loop condition decides
                }
            }
        } catch (Abandoned e) {
            LOG.warn("the log stopped with a batch not fully written: the partitions' next owners process it again");
        } catch (RuntimeException e) {
            LOG.error("the log's consumer stopped", e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warn("the log's consumer did not close cleanly: {}", e.toString());
            }
        }
    }

    private void process(ConsumerRecords<Long, byte[]> records) {
        Sequencer.Batch batch = Sequencer.Batch.empty();
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        int processed = 0;
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<Long, byte[]>> list = records.records(tp);
            OwnedPartition o = ownership.owned(tp.partition());
            if (o == null || list.get(0).offset() != o.state.nextOffset) {
                // not loaded, or not where its state is: read it again from the state's position
                if (o != null) {
                    consumer.seek(tp, o.state.nextOffset);
                }
                continue;
            }
            List<Sequencer.Input> inputs = new ArrayList<>(list.size());
            list.forEach(r -> inputs.add(new Sequencer.Input(r.offset(), r.value())));
            batch.addAll(retry("read the facts of a batch", () -> sequencer.run(o.state, inputs, o.replayUntil)));
            o.sinceSnapshot += list.size();
            processed += list.size();
            if (o.caughtUp()) {
                positions.put(tp, new OffsetAndMetadata(o.state.nextOffset));
            }
        }
        if (processed == 0) {
            return;
        }
        persist(batch);
        if (!positions.isEmpty()) {
            consumer.commitAsync(positions, (offsets, failure) -> committed(offsets, failure));
        }
    }

    private void persist(Sequencer.Batch batch) {
        if (!batch.rows().isEmpty()) {
            retry("write events to Cassandra", () -> cassandra.write(batch.rows()).join());
        }
        if (!batch.changes().isEmpty()) {
            retry("write memberships and channels to PostgreSQL", () -> {
                postgres.apply(batch.changes());
                return null;
            });
        }
        if (!batch.events().isEmpty()) {
            try {
                listener.committed(batch.events());
            } catch (RuntimeException e) {
                LOG.error("the log listener failed on {} committed events", batch.events().size(), e);
            }
        }
        if (!batch.outcomes().isEmpty()) {
            Map<UUID, byte[]> encoded = new LinkedHashMap<>();
            batch.outcomes().forEach((id, outcome) -> encoded.put(id, Records.encode(outcome)));
            retry("write outcomes to Cassandra", () -> cassandra.writeOutcomes(encoded).join());
            answered.accept(batch.outcomes(), batch.appenders());
        }
    }

    private void committed(Map<TopicPartition, OffsetAndMetadata> offsets, Exception failure) {
        if (failure != null) {
            LOG.warn("the log's positions were not committed ({}): another node may own these partitions now",
                    failure.toString());
            return;
        }
        offsets.forEach((tp, offset) -> {
            OwnedPartition o = ownership.owned(tp.partition());
            if (o != null) {
                o.committed = Math.max(o.committed, offset.offset());
            }
        });
    }

    /** Snapshots the partitions due for one, and drops snapshots older than the newest one a successor would use. */
    private void snapshots() {
        long now = System.nanoTime();
        for (OwnedPartition o : ownership.all()) {
            boolean due = o.sinceSnapshot >= settings.snapshotRecords()
                    || (o.sinceSnapshot > 0 && now - o.lastSnapshotNanos >= settings.snapshotInterval().toNanos());
            if (!due || !o.caughtUp()) {
                continue;
            }
            long offset = o.state.nextOffset;
            try {
                cassandra.writeSnapshot(settings.topic(), o.partition, new CassandraLogRows.Snapshot(offset, o.state.encode())).join();
                o.snapshots.add(offset);
                o.sinceSnapshot = 0;
                o.lastSnapshotNanos = now;
                long usable = o.snapshots.stream().filter(s -> s <= o.committed).mapToLong(Long::longValue).max().orElse(-1);
                if (usable > 0 && o.snapshots.get(0) < usable) {
                    cassandra.pruneSnapshots(settings.topic(), o.partition, usable).join();
                    o.snapshots.removeIf(s -> s < usable);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not snapshot log partition {} at {}: {}", o.partition, offset, e.toString());
                o.lastSnapshotNanos = now;
            }
        }
    }

    private <T> T retry(String what, Supplier<T> action) {
        long backoff = 50;
        int failures = 0;
        while (true) {
            if (abandoned) {
                throw new Abandoned();
            }
            try {
                return action.get();
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1 || failures % 20 == 0) {
                    LOG.warn("could not {} ({} tries so far), trying again: {}", what, failures, e.toString());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new Abandoned();
                }
                backoff = Math.min(2_000, backoff * 2);
            }
        }
    }
}
