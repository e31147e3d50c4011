package dev.parley.core.event;

import java.util.concurrent.CompletableFuture;

/**
 * Appends to the log and, once an entry is durable, relays its event; relays ephemeral events as they come. Relaying happens on the thread
 * that completes the append, so events of one conversation are relayed in seq order.
 */
public final class ConversationLog {
    private final MessageLog log;
    private final EventRelay relay;

    public ConversationLog(MessageLog log, EventRelay relay) {
        this.log = log;
        this.relay = relay;
    }

    public CompletableFuture<Appended> append(LogEntry entry) {
        return log.append(entry).thenApply(appended -> {
            if (!appended.duplicate()) {
                relay.publish(appended.event());
            }
            return appended;
        });
    }

    /** Relays an event that belongs to no log (typing, read markers, new conversations). */
    public void relay(Ephemeral event) {
        relay.publish(event);
    }

    /** Appends and waits: for calls whose answer must follow the durable event. */
    public LogEvent appendAndWait(LogEntry entry) {
        return Futures.await(append(entry)).event();
    }
}
