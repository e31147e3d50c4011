package dev.parley.core.id;

import java.time.Clock;

/**
 * Time-sortable 64-bit ids: 41 bits of milliseconds since 2025-01-01T00:00Z, 10 bits of node id,
 * 12 bits of per-millisecond sequence. If the clock steps back, ids keep growing from the last
 * timestamp handed out, so ids from one node never repeat and never go backwards.
 */
public final class Snowflake {
    public static final long EPOCH_MS = 1_735_689_600_000L;
    private static final int NODE_BITS = 10;
    private static final int SEQUENCE_BITS = 12;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    private final Clock clock;
    private final long nodeId;
    private long lastMs = -1;
    private long sequence;

    public Snowflake(Clock clock, int nodeId) {
        if (nodeId < 0 || nodeId >= (1 << NODE_BITS)) {
            throw new IllegalArgumentException("node id must be in 0..1023: " + nodeId);
        }
        this.clock = clock;
        this.nodeId = nodeId;
    }

    public synchronized long next() {
        long now = Math.max(clock.millis() - EPOCH_MS, lastMs);
        if (now == lastMs) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) {
                now = lastMs + 1; // borrow the next millisecond rather than spin
            }
        } else {
            sequence = 0;
        }
        lastMs = now;
        return (now << (NODE_BITS + SEQUENCE_BITS)) | (nodeId << SEQUENCE_BITS) | sequence;
    }

    /** The creation time in epoch milliseconds encoded in an id. */
    public static long timestampMs(long id) {
        return (id >>> (NODE_BITS + SEQUENCE_BITS)) + EPOCH_MS;
    }
}
