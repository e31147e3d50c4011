package dev.parley.core.event;

import java.util.concurrent.CompletableFuture;

/**
 * The ordered, durable log of each conversation and its single writer: it gives every entry the next
 * dense seq of its conversation, persists it, and only then completes the future. Futures of one
 * conversation complete in seq order. An edit or deletion of a message that does not exist (or is already
 * deleted) fails with not_found and takes no seq.
 */
public interface MessageLog extends AutoCloseable {
    CompletableFuture<Appended> append(LogEntry entry);

    /** Stops taking entries, finishes those already taken, and releases resources. */
    @Override
    void close();
}
