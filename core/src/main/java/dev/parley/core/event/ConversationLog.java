package dev.parley.core.event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Appends to the log and, once an entry is durable, relays its event; relays ephemeral events as they come.
 * Events of one conversation are relayed in seq order: appends are remembered in the order they reach the
 * log (which is seq order), and a finished entry is relayed only after every earlier one of its stripe — an
 * append whose future completed before anyone was listening must not be relayed after later events.
 */
public final class ConversationLog {
    private static final int STRIPES = 64;

    private record Pending(CompletableFuture<Appended> appended, CompletableFuture<Appended> relayed) {
    }

    private final MessageLog log;
    private final EventRelay relay;
    private final ArrayDeque<Pending>[] stripes;

    @SuppressWarnings("unchecked")
    public ConversationLog(MessageLog log, EventRelay relay) {
        this.log = log;
        this.relay = relay;
        this.stripes = new ArrayDeque[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ArrayDeque<>();
        }
    }

    /** Appends; the answer completes once the entry is durable and its event (unless a repeat) has been relayed. */
    public CompletableFuture<Appended> append(LogEntry entry) {
        ArrayDeque<Pending> stripe = stripes[Math.floorMod(Long.hashCode(entry.conversationId()), STRIPES)];
        Pending pending;
        synchronized (stripe) {
            pending = new Pending(log.append(entry), new CompletableFuture<>());
            stripe.add(pending);
        }
        pending.appended().whenComplete((a, t) -> relayFinished(stripe));
        return pending.relayed();
    }

    /** Relays the finished appends at the head of the stripe, in append order; answers their callers afterwards. */
    private void relayFinished(ArrayDeque<Pending> stripe) {
        List<Pending> finished = new ArrayList<>();
        List<Throwable> outcomes = new ArrayList<>();
        synchronized (stripe) {
            while (!stripe.isEmpty() && stripe.peek().appended().isDone()) {
                Pending p = stripe.poll();
                Throwable failure = null;
                try {
                    Appended a = p.appended().join();
                    if (!a.duplicate()) {
                        relay.publish(a.event());
                    }
                } catch (RuntimeException e) {
                    failure = e;
                }
                finished.add(p);
                outcomes.add(failure);
            }
        }
        for (int i = 0; i < finished.size(); i++) {
            Pending p = finished.get(i);
            if (outcomes.get(i) != null) {
                p.relayed().completeExceptionally(outcomes.get(i));
            } else {
                p.relayed().complete(p.appended().join());
            }
        }
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
