package dev.parley.log.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * A partition this node owns: its sequencing state, the offset up to which records were already processed and written
 * by an earlier owner ({@code replayUntil}, the committed offset found at assignment), and the bookkeeping of its
 * snapshots. Owned by the consumer thread; other threads only ask whether a partition is owned.
 */
final class OwnedPartition {
    final int partition;
    final PartitionState state;
    final long replayUntil;
    /** The offset this node last committed for the partition (or found committed). */
    long committed;
    int sinceSnapshot;
    long lastSnapshotNanos = System.nanoTime();
    /** Offsets of the snapshots this node wrote, oldest first. */
    final List<Long> snapshots = new ArrayList<>();

    OwnedPartition(int partition, PartitionState state, long replayUntil) {
        this.partition = partition;
        this.state = state;
        this.replayUntil = replayUntil;
        this.committed = replayUntil;
    }

    /** True once every record below the state's position has been written by this node or an earlier owner. */
    boolean caughtUp() {
        return state.nextOffset >= replayUntil;
    }
}
