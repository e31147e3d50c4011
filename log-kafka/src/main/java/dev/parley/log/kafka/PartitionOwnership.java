package dev.parley.log.kafka;

import dev.parley.store.cassandra.CassandraLogRows;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a partition on this node: when the consumer group gives it to us, when it takes it away, and when we
 * find it was taken while we were not looking. Every callback runs on the consumer thread, inside
 * {@code consumer.poll}, between two batches: a batch is always fully written (or abandoned) before the next poll.
 *
 * <ul>
 *   <li>{@link #onPartitionsAssigned}: for each partition, read the offset the group has committed ({@code C}), load
 *   the newest snapshot at or below {@code C} (its state as of offset {@code S ≤ C}; none: empty state, {@code S = 0}),
 *   and seek to {@code S}. Records from {@code S} to {@code C} are replayed into the state without writing anything:
 *   the owner that committed {@code C} had written them. From {@code C} on, records are processed and written. If the
 *   snapshot cannot be read (Cassandra away), the partition is paused and loading is retried before each poll.</li>
 *   <li>{@link #onPartitionsRevoked}: a cooperative hand-over. Everything processed is written, so the position of
 *   each revoked partition is committed (synchronously) and its state dropped; the next owner starts from there.</li>
 *   <li>{@link #onPartitionsLost}: the group gave the partitions away without asking — this node was silent past its
 *   session timeout (paused, partitioned, overloaded), so it is a <em>stale owner</em>. Nothing may be committed; the
 *   state is dropped. Whatever it wrote meanwhile is what the new owner writes too: the sequencer is deterministic and
 *   every write idempotent.</li>
 * </ul>
 *
 * <pre>
 * consumer.subscribe(List.of(topic), ownership);
 * while (running) {
 *     ownership.loadPaused();
 *     process(consumer.poll(timeout));          // records only of owned (loaded) partitions
 * }
 * </pre>
 */
final class PartitionOwnership implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionOwnership.class);

    private final Consumer<Long, byte[]> consumer;
    private final String topic;
    private final CassandraLogRows rows;
    private final Map<Integer, OwnedPartition> owned = new ConcurrentHashMap<>();
    private final Set<Integer> paused = new HashSet<>();
    private volatile boolean abandoned;

    PartitionOwnership(Consumer<Long, byte[]> consumer, String topic, CassandraLogRows rows) {
        this.consumer = consumer;
        this.topic = topic;
        this.rows = rows;
    }

    /** The partition, if this node owns it and has loaded its state. */
    OwnedPartition owned(int partition) {
        return owned.get(partition);
    }

    Collection<OwnedPartition> all() {
        return owned.values();
    }

    /** Whether this node owns the partition (any thread). */
    boolean owns(int partition) {
        return owned.containsKey(partition);
    }

    /** From now on nothing is committed: what was processed may not have been written. */
    void abandon() {
        abandoned = true;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            if (!load(tp, c == null ? 0 : c.offset())) {
                consumer.pause(List.of(tp));
                paused.add(tp.partition());
            }
        }
        LOG.info("log partitions {} of {} assigned to this node", partitions.stream().map(TopicPartition::partition).toList(), topic);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OwnedPartition o = owned.get(tp.partition());
            if (o != null && o.caughtUp() && !abandoned) {
                positions.put(tp, new OffsetAndMetadata(o.state.nextOffset));
            }
        }
        try {
            if (!positions.isEmpty()) {
                consumer.commitSync(positions);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not commit the log partitions handed over ({}): the next owner processes their last records again",
                    e.toString());
        }
        drop(partitions);
        LOG.info("log partitions {} of {} handed over", partitions.stream().map(TopicPartition::partition).toList(), topic);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        drop(partitions);
        LOG.warn("log partitions {} of {} were given to another node while this one was unresponsive",
                partitions.stream().map(TopicPartition::partition).toList(), topic);
    }

    /** Retries loading the partitions whose state could not be read when they were assigned. */
    void loadPaused() {
        if (paused.isEmpty()) {
            return;
        }
        for (Integer p : List.copyOf(paused)) {
            TopicPartition tp = new TopicPartition(topic, p);
            if (!consumer.assignment().contains(tp)) {
                paused.remove(p);
                continue;
            }
            OffsetAndMetadata c = consumer.committed(Set.of(tp)).get(tp);
            if (load(tp, c == null ? 0 : c.offset())) {
                paused.remove(p);
                consumer.resume(List.of(tp));
            }
        }
    }

    private boolean load(TopicPartition tp, long committed) {
        try {
            Optional<CassandraLogRows.Snapshot> snapshot = rows.latestSnapshot(topic, tp.partition(), committed);
            PartitionState state = snapshot.map(s -> PartitionState.decode(s.data())).orElseGet(PartitionState::new);
            if (snapshot.isEmpty()) {
                long start = consumer.beginningOffsets(List.of(tp)).getOrDefault(tp, 0L);
                if (start > 0) {
                    LOG.error("log partition {} starts at offset {} and no snapshot covers the records before it: "
                            + "conversations opened there are unknown to this node", tp.partition(), start);
                }
                state.nextOffset = start;
            }
            OwnedPartition o = new OwnedPartition(tp.partition(), state, committed);
            snapshot.ifPresent(s -> o.snapshots.add(s.offset()));
            owned.put(tp.partition(), o);
            consumer.seek(tp, state.nextOffset);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("cannot load log partition {} yet: {}", tp.partition(), e.toString());
            return false;
        }
    }

    private void drop(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            owned.remove(tp.partition());
            paused.remove(tp.partition());
        }
    }
}
