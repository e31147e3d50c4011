package dev.parley.core.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Short messages from one node to another, addressed to a box the receiving node opened under a name unique to its
 * process: Redis pub/sub between the nodes of a cluster, {@link #NONE} where there is no such channel. Best effort and
 * at most once: only for news the receiver can also learn another, slower way (the message log's outcomes, which a
 * node otherwise reads back from the log's store).
 *
 * <p>Threading: every method from any thread. A box's handler runs on the adapter's I/O thread, one message at a time,
 * and must hand work off quickly.
 */
public interface NodeMailbox extends AutoCloseable {
    /** Sends {@code message} to whoever opened {@code box}; dropped when nobody has it open or it cannot be sent. */
    void send(String box, byte[] message);

    /**
     * Opens a box: completes once messages sent to it from then on reach {@code handler}; fails when this mailbox
     * cannot deliver any (then its sender's news must be learnt the slower way).
     */
    CompletableFuture<Void> open(String box, Consumer<byte[]> handler);

    @Override
    void close();

    /** No channel between nodes: nothing is sent and no box opens. */
    NodeMailbox NONE = new NodeMailbox() {
        @Override
        public void send(String box, byte[] message) {
        }

        @Override
        public CompletableFuture<Void> open(String box, Consumer<byte[]> handler) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no channel between nodes"));
        }

        @Override
        public void close() {
        }
    };
}
