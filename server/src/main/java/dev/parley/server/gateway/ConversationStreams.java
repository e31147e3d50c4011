package dev.parley.server.gateway;

import dev.parley.core.event.EventRelay;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.Topic;
import dev.parley.core.message.MessageStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's {@link ConversationStream}s, one per conversation that has a local connection in it. The node
 * subscribes to a conversation's topic while it has a stream for it. Repairs what the relay loses by reading
 * the log: a gap that stays open for {@code gapMs}, and (lest a lost last event goes unnoticed) the log's end
 * {@code tailMs} after each delivery, and for every stream when the relay says it may have lost events. A
 * {@linkplain EventRelay#lossless() lossless} relay loses no last event, so with it the log's end is read only when a
 * stream opens.
 *
 * <p>Threading: any thread. Log reads run on this class's own small pool, never on the caller's thread.
 */
final class ConversationStreams implements ConversationStream.Owner, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationStreams.class);
    private static final int READ_PAGE = 100;

    private final ConcurrentHashMap<Long, ConversationStream> streams = new ConcurrentHashMap<>();
    private final EventRelay relay;
    private final MessageStore messages;
    private final ConnectionRegistry registry;
    private final long gapMs;
    private final long tailMs;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-stream-timers").daemon(true).factory());
    private final ExecutorService reads = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("parley-stream-repair-", 0).daemon(true).factory());

    ConversationStreams(EventRelay relay, MessageStore messages, ConnectionRegistry registry, long gapMs, long tailMs) {
        this.relay = relay;
        this.messages = messages;
        this.registry = registry;
        this.gapMs = gapMs;
        this.tailMs = tailMs;
    }

    ConversationStream get(long conversationId) {
        return streams.get(conversationId);
    }

    int size() {
        return streams.size();
    }

    /**
     * Puts a connection in a conversation's stream, opening the stream if it is the first here. With
     * {@code lastSeq} null the new stream reads the log's position once its topic is live; otherwise it starts
     * after {@code lastSeq}. The future completes once the stream is positioned.
     */
    CompletableFuture<Void> join(Connection c, long conversationId, Long lastSeq) {
        ConversationStream s = streams.compute(conversationId, (id, existing) -> {
            ConversationStream stream = existing != null ? existing : open(id, lastSeq);
            stream.add(c);
            return stream;
        });
        return s.positioned();
    }

    /** The stream of a conversation that gains a local member through {@code added}, opened at it if new. */
    ConversationStream openFor(LogEvent.MemberAdded added) {
        return streams.computeIfAbsent(added.conversationId(), id -> open(id, added.seq() - 1));
    }

    void leave(Connection c, long conversationId) {
        streams.computeIfPresent(conversationId, (id, stream) -> {
            if (stream.remove(c)) {
                relay.unsubscribe(Topic.conversation(id));
                return null;
            }
            return stream;
        });
    }

    /** Drops a stream that has no connection left (all left through member events, or the conversation is gone). */
    void closeIfIdle(long conversationId) {
        streams.computeIfPresent(conversationId, (id, stream) -> {
            if (stream.isIdle()) {
                relay.unsubscribe(Topic.conversation(id));
                return null;
            }
            return stream;
        });
    }

    /** The relay may have lost anything: every stream reads the log's end. */
    void resync() {
        streams.values().forEach(s -> reads.execute(() -> checkTail(s)));
    }

    private ConversationStream open(long conversationId, Long lastSeq) {
        ConversationStream stream = new ConversationStream(conversationId, lastSeq == null ? 0 : lastSeq + 1, this);
        relay.subscribe(Topic.conversation(conversationId)).whenCompleteAsync((v, failure) -> {
            if (failure != null) {
                LOG.warn("could not subscribe to conversation {}: {}", conversationId, failure.toString());
            }
            if (lastSeq == null) {
                stream.position(messages.position(conversationId).lastSeq());
            } else {
                checkTail(stream);
            }
        }, reads);
        return stream;
    }

    @Override
    public void gapSeen(ConversationStream stream) {
        if (!stream.gapRepairPending) {
            stream.gapRepairPending = true;
            timers.schedule(() -> reads.execute(() -> {
                synchronized (stream) {
                    stream.gapRepairPending = false;
                }
                if (stream.hasGap()) {
                    fill(stream);
                }
            }), gapMs, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void delivered(ConversationStream stream) {
        if (!relay.lossless()) {
            scheduleTailCheck(stream);
        }
        if (stream.isIdle()) {
            closeIfIdle(stream.conversationId);
        }
    }

    private void scheduleTailCheck(ConversationStream stream) {
        synchronized (stream) {
            if (stream.tailCheckPending) {
                return;
            }
            stream.tailCheckPending = true;
        }
        timers.schedule(() -> reads.execute(() -> {
            synchronized (stream) {
                stream.tailCheckPending = false;
            }
            checkTail(stream);
        }), tailMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public Set<Connection> connectionsOf(long userId) {
        return registry.ofUser(userId);
    }

    private void checkTail(ConversationStream stream) {
        try {
            long delivered = stream.delivered();
            if (delivered >= 0 && messages.position(stream.conversationId).lastSeq() > delivered) {
                fill(stream);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not check the log of conversation {}: {}", stream.conversationId, e.toString());
        }
    }

    /** Reads from the log what the stream lacks, until it has caught up with what the log held. */
    private void fill(ConversationStream stream) {
        try {
            while (true) {
                long delivered = stream.delivered();
                if (delivered < 0) {
                    return;
                }
                List<LogEvent> events = messages.eventsAfter(stream.conversationId, delivered, READ_PAGE);
                events.forEach(stream::offer);
                if (events.size() < READ_PAGE || stream.delivered() == delivered) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not repair conversation {} from the log: {}", stream.conversationId, e.toString());
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        reads.shutdownNow();
    }
}
