package dev.parley.core.event;

import dev.parley.core.conversation.Conversation;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The ordered, durable log of each conversation and its single writer. For each entry the writer applies
 * {@link LogRules} to the log's state at that moment (membership, the message, the nonce), gives the events
 * the next dense seqs of their conversation, makes them and the rows they change (messages, memberships, the
 * channel) durable together, tells its {@link LogListener}, and only then completes the future. Futures of
 * one conversation complete in seq order. A refused entry fails with the rule's {@code ParleyException} and
 * takes no seq.
 *
 * <p>Across processes: adapters shared by several nodes still give every conversation one dense sequence
 * (no seq twice, none skipped), and a nonce repeated on another node still makes one message.
 */
public interface MessageLog extends AutoCloseable {
    CompletableFuture<Appended> append(LogEntry entry);

    /**
     * A conversation was just created outside the log (a channel with its owner, a DM with its pair). A writer
     * that keeps its own state of each conversation, rather than reading the stores, learns of it here; the future
     * completes once that is durable, before anyone can append to the conversation. Writers that read the stores in
     * their transaction need nothing: the default does nothing.
     */
    default CompletableFuture<Void> opened(Conversation conversation, List<Long> memberIds) {
        return CompletableFuture.completedFuture(null);
    }

    /** Stops taking entries, finishes those already taken, and releases resources. */
    @Override
    void close();
}
