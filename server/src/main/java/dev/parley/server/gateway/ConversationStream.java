package dev.parley.server.gateway;

import dev.parley.core.event.LogEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One conversation's log events on this node, handed to the local connections in it in seq order and each
 * exactly once, whatever the relay does: an event that arrives early waits for the ones before it, a repeat or
 * an event already delivered is dropped, and a gap that does not close by itself (or a lost last event) is
 * read from the log by {@link ConversationStreams}. Until its position is known (the log's last seq when the
 * stream's topic went live) it only holds what arrives.
 *
 * <p>Membership changes move connections in and out as they are delivered, in their place in the sequence: a
 * new member's connections here join at their {@code MEMBER_ADD} (and get the conversation instead of it), a
 * removed member's leave at their {@code MEMBER_REMOVE} (and get {@code CONVERSATION_DELETE}), so each sees
 * exactly the events of the time they were a member.
 *
 * <p>Threading: every method may be called from any thread; the stream's lock is held while frames are queued
 * on connections (which never blocks) and never while reading the log or taking another lock that could wait
 * on a stream.
 */
final class ConversationStream {
    /** Events held while a gap is open; beyond this they are dropped and read from the log instead. */
    private static final int MAX_EARLY = 10_000;

    /** What the stream needs from its owner: repairs scheduled, and where a new member's connections are. */
    interface Owner {
        void gapSeen(ConversationStream stream);

        void delivered(ConversationStream stream);

        Set<Connection> connectionsOf(long userId);
    }

    final long conversationId;
    private final Owner owner;
    private final Set<Connection> connections = new HashSet<>();
    private final TreeMap<Long, LogEvent> early = new TreeMap<>();
    private final CompletableFuture<Void> positioned = new CompletableFuture<>();
    /** The next seq to deliver; 0 while the position is not known. */
    private long next;
    private boolean removed;
    boolean gapRepairPending;
    boolean tailCheckPending;

    ConversationStream(long conversationId, long next, Owner owner) {
        this.conversationId = conversationId;
        this.owner = owner;
        this.next = next;
        if (next > 0) {
            positioned.complete(null);
        }
    }

    /** Completes once the stream knows where the log is, so a connection's own catch-up read comes after it. */
    CompletableFuture<Void> positioned() {
        return positioned;
    }

    synchronized void add(Connection c) {
        if (!removed) {
            connections.add(c);
            c.conversations.add(conversationId);
        }
    }

    /** Removes a connection; true when none is left. */
    synchronized boolean remove(Connection c) {
        connections.remove(c);
        return connections.isEmpty();
    }

    synchronized boolean isIdle() {
        return connections.isEmpty() || removed;
    }

    synchronized int size() {
        return connections.size();
    }

    synchronized List<Connection> connections() {
        return new ArrayList<>(connections);
    }

    /** The last seq delivered, or -1 while the position is not known. */
    synchronized long delivered() {
        return next - 1;
    }

    /** True when events wait behind a gap. */
    synchronized boolean hasGap() {
        return !early.isEmpty();
    }

    /** Sets where the log is, once: what it holds up to {@code lastSeq} is for each connection's own catch-up to read. */
    void position(long lastSeq) {
        synchronized (this) {
            if (next == 0) {
                next = lastSeq + 1;
                early.headMap(next).clear();
                drain();
            }
        }
        positioned.complete(null);
    }

    void offer(LogEvent e) {
        synchronized (this) {
            if (removed) {
                return;
            }
            long seq = e.seq();
            if (next == 0 || seq > next) {
                if (early.size() < MAX_EARLY) {
                    early.putIfAbsent(seq, e);
                }
                if (next != 0) {
                    owner.gapSeen(this);
                }
                return;
            }
            if (seq < next) {
                return;
            }
            deliver(e);
            next = seq + 1;
            drain();
        }
        owner.delivered(this);
    }

    private void drain() {
        while (!early.isEmpty() && !removed) {
            Map.Entry<Long, LogEvent> first = early.firstEntry();
            if (first.getKey() > next) {
                owner.gapSeen(this);
                return;
            }
            early.pollFirstEntry();
            if (first.getKey() == next) {
                deliver(first.getValue());
                next++;
            }
        }
    }

    private void deliver(LogEvent e) {
        switch (e) {
            case LogEvent.MemberAdded a -> memberAdded(a);
            case LogEvent.MemberRemoved r -> memberRemoved(r);
            case LogEvent.ConversationRemoved r -> {
                byte[] frame = Connection.utf8(Frames.conversationDelete(conversationId, r.seq(), "deleted"));
                for (Connection c : connections) {
                    c.sendLogEvent(conversationId, r.seq(), frame, 0);
                    c.conversations.remove(conversationId);
                }
                connections.clear();
                early.clear();
                removed = true;
            }
            default -> {
                byte[] frame = Connection.utf8(Frames.logEvent(e));
                long at = e.at().toEpochMilli();
                connections.forEach(c -> c.sendLogEvent(conversationId, e.seq(), frame, at));
            }
        }
    }

    private void memberAdded(LogEvent.MemberAdded a) {
        long newcomer = a.member().id();
        byte[] frame = Connection.utf8(Frames.logEvent(a));
        for (Connection c : connections) {
            if (c.principal().userId() != newcomer) {
                c.sendLogEvent(conversationId, a.seq(), frame, 0);
            }
        }
        byte[] joined = null;
        for (Connection c : owner.connectionsOf(newcomer)) {
            if (c.state() != Connection.State.CLOSED && c.principal().scope().covers(conversationId) && connections.add(c)) {
                c.conversations.add(conversationId);
                joined = joined == null ? Connection.utf8(Frames.joined(a)) : joined;
                c.sendLogEvent(conversationId, a.seq(), joined, 0);
            }
        }
    }

    private void memberRemoved(LogEvent.MemberRemoved r) {
        long leaving = r.member().id();
        byte[] frame = Connection.utf8(Frames.logEvent(r));
        byte[] delete = null;
        for (Connection c : List.copyOf(connections)) {
            if (c.principal().userId() == leaving) {
                delete = delete == null ? Connection.utf8(Frames.conversationDelete(conversationId, r.seq(), "removed")) : delete;
                c.sendLogEvent(conversationId, r.seq(), delete, 0);
                connections.remove(c);
                c.conversations.remove(conversationId);
            } else {
                c.sendLogEvent(conversationId, r.seq(), frame, 0);
            }
        }
    }
}
