package dev.parley.server.gateway;

import dev.parley.core.account.Principal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One gateway socket. Frames for it may come from any thread; each is UTF-8 bytes, encoded once and shared by
 * every socket that gets it. Queued frames are written by one task on the socket's event loop at a time, as many
 * as the channel takes, with one flush for all of them: a busy socket costs one system call per batch rather than
 * per frame. When the client stops reading, the channel stops being writable and frames stay in this connection's
 * queue, which is bounded: a client that lets more than the limit pile up is closed with 4005 — so a slow reader
 * costs only its own connection. The channel becoming writable again resumes the writing. The catch-up replay
 * (bounded by the catch-up limit per conversation) is not counted against the limit: only live frames beyond it
 * are.
 *
 * <p>Until its catch-up is done a connection holds live frames back; {@link #goLive} then sends the replay
 * first and the held frames after it, dropping log events the replay already carried (by seq, per
 * conversation), so nothing is lost or repeated at the boundary.
 */
final class Connection {
    enum State { AWAITING_IDENTIFY, CATCHING_UP, LIVE, CLOSED }

    /** A held frame: a log event (with its place) or an ephemeral one (conversationId 0). */
    private record Held(long conversationId, long seq, byte[] frame, long eventAtMs, boolean replay) {
        Held(long conversationId, long seq, byte[] frame, long eventAtMs) {
            this(conversationId, seq, frame, eventAtMs, false);
        }
    }

    private static final AtomicLong IDS = new AtomicLong();
    private static final String PROCESS = java.util.UUID.randomUUID().toString();

    final long id = IDS.incrementAndGet();
    /** Unique across the nodes of a deployment: names this socket in events that other nodes receive. */
    final String tag = PROCESS + ":" + id;
    final GatewaySocket socket;
    /** The Vert.x context of the socket's event loop: blocking work started for it answers there. */
    final io.vertx.core.Context context;
    final long openedAtMs;
    final Set<Long> conversations = ConcurrentHashMap.newKeySet();
    final Set<Long> watchedUsers = ConcurrentHashMap.newKeySet();

    private final int queueLimit;
    private final GatewayMetrics metrics;
    private final ConcurrentLinkedQueue<Held> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Catch-up frames among {@link #queued}: bounded by the catch-up limit, they do not count as falling behind. */
    private final AtomicInteger replayQueued = new AtomicInteger();
    private final Map<Long, Long> lastSeq = new ConcurrentHashMap<>();
    private final List<Held> heldBack = new ArrayList<>();
    private final AtomicInteger inFlightSends = new AtomicInteger();
    /** Whether presence counted this connection (set once identified, cleared once on release). */
    final AtomicBoolean presenceCounted = new AtomicBoolean();

    /** The last SEND handed to a worker; the next starts after it, so one socket's sends keep their order. Event loop only. */
    private io.vertx.core.Future<?> lastSendStarted = io.vertx.core.Future.succeededFuture();

    private volatile State state = State.AWAITING_IDENTIFY;
    private volatile Principal principal;
    private volatile long lastHeardMs;

    /** Whether a write task is on its way to the event loop (so producers do not each schedule one). */
    private final AtomicBoolean writeScheduled = new AtomicBoolean();

    Connection(GatewaySocket socket, io.vertx.core.Context context, long nowMs, int queueLimit, GatewayMetrics metrics) {
        this.socket = socket;
        this.context = context;
        this.openedAtMs = nowMs;
        this.lastHeardMs = nowMs;
        this.queueLimit = queueLimit;
        this.metrics = metrics;
    }

    State state() {
        return state;
    }

    Principal principal() {
        return principal;
    }

    long lastHeardMs() {
        return lastHeardMs;
    }

    void heard(long nowMs) {
        lastHeardMs = nowMs;
    }

    /** Marks the connection identified; live frames are held back until {@link #goLive}. */
    synchronized boolean beginCatchUp(Principal p) {
        if (state != State.AWAITING_IDENTIFY) {
            return false;
        }
        principal = p;
        state = State.CATCHING_UP;
        return true;
    }

    /**
     * Sends the handshake and replay frames, then the live frames held meanwhile, skipping log events at or
     * below {@code upTo} of their conversation (the replay or READY already covered them).
     */
    synchronized void goLive(List<String> replay, Map<Long, Long> upTo) {
        if (state != State.CATCHING_UP) {
            return;
        }
        lastSeq.putAll(upTo);
        for (String f : replay) {
            if (!queue(new Held(0, 0, utf8(f), 0, true))) {
                return;
            }
        }
        state = State.LIVE;
        for (Held h : heldBack) {
            if (admit(h) && !queue(h)) {
                return;
            }
        }
        heldBack.clear();
        drain();
    }

    /** Queues a log event's frame, unless this connection already has that seq of that conversation. */
    synchronized void sendLogEvent(long conversationId, long seq, byte[] frame, long eventAtMs) {
        Held h = new Held(conversationId, seq, frame, eventAtMs);
        if (state == State.CATCHING_UP) {
            heldBack.add(h);
        } else if (state == State.LIVE) {
            offer(h);
        }
    }

    /** Queues an ephemeral frame (held back during catch-up like everything else). */
    void send(String frame) {
        send(utf8(frame));
    }

    /** Queues an ephemeral frame encoded once for several sockets. */
    synchronized void send(byte[] frame) {
        Held h = new Held(0, 0, frame, 0);
        if (state == State.CATCHING_UP) {
            heldBack.add(h);
        } else if (state != State.CLOSED) {
            enqueue(h);
        }
    }

    /** Sends a frame now, whatever the state (handshake replies, errors before identify). */
    void sendDirect(String frame) {
        if (state != State.CLOSED) {
            enqueue(new Held(0, 0, utf8(frame), 0));
        }
    }

    static byte[] utf8(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8);
    }


    private void offer(Held h) {
        if (admit(h)) {
            enqueue(h);
        }
    }

    /** False for a log event this connection already has (by seq, per conversation); records the seq otherwise. */
    private boolean admit(Held h) {
        if (h.conversationId() != 0) {
            Long last = lastSeq.get(h.conversationId());
            if (last != null && h.seq() <= last) {
                return false;
            }
            lastSeq.put(h.conversationId(), h.seq());
        }
        return true;
    }

    private void enqueue(Held h) {
        if (queue(h)) {
            drain();
        }
    }

    /** Adds a frame to the queue without handing it over yet; false (and the socket closed) when over the limit. */
    private boolean queue(Held h) {
        if (h.replay()) {
            replayQueued.incrementAndGet();
        }
        if (queued.incrementAndGet() - replayQueued.get() > queueLimit) {
            queued.decrementAndGet();
            metrics.slowConsumer(queued.get());
            close(CloseCodes.TOO_SLOW, "too slow to keep up");
            return false;
        }
        outbound.add(h);
        return true;
    }

    /**
     * Has queued frames written (any thread): at once on the socket's event loop, else by one task sent there. The
     * channel becoming writable again calls this too.
     */
    void drain() {
        if (socket.eventLoop().inEventLoop()) {
            writeQueued();
        } else if (writeScheduled.compareAndSet(false, true)) {
            socket.eventLoop().execute(() -> {
                writeScheduled.set(false);
                writeQueued();
            });
        }
    }

    /**
     * Writes what is queued while the channel takes it, then flushes once. Event loop only. Frames queued before a
     * {@link #close} still go out ahead of its close frame (its task comes after theirs on the event loop).
     */
    private void writeQueued() {
        boolean wrote = false;
        Held h;
        while (socket.isOpen() && socket.isWritable() && (h = take()) != null) {
            socket.write(h.frame());
            metrics.delivered(h.eventAtMs());
            wrote = true;
        }
        if (wrote) {
            socket.flush();
        }
        if (!socket.isOpen()) {
            while (take() != null) {
                // dropped with their socket
            }
        }
    }

    private Held take() {
        Held h = outbound.poll();
        if (h != null) {
            queued.decrementAndGet();
            if (h.replay()) {
                replayQueued.decrementAndGet();
            }
        }
        return h;
    }

    /** True when no frame waits in this connection's queue (all were handed to the socket). */
    boolean flushed() {
        return queued.get() == 0;
    }

    int inFlightSends() {
        return inFlightSends.get();
    }

    void sendStarted() {
        inFlightSends.incrementAndGet();
    }

    void sendFinished() {
        inFlightSends.decrementAndGet();
    }

    /** Starts a send once the previous one has been handed to the log (on the socket's event loop). */
    <T> io.vertx.core.Future<T> afterPreviousSend(java.util.function.Supplier<io.vertx.core.Future<T>> start) {
        io.vertx.core.Future<T> next = lastSendStarted.transform(previous -> start.get());
        lastSendStarted = next;
        return next;
    }

    /** Closes with a code; the first close wins. */
    void close(short code, String reason) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            heldBack.clear();
        }
        socket.close(code, reason);
    }

    /** Called when the socket has closed, whoever closed it. */
    synchronized void closed() {
        state = State.CLOSED;
        heldBack.clear();
        outbound.clear();
    }
}
