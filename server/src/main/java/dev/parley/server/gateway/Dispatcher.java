package dev.parley.server.gateway;

import dev.parley.core.account.User;
import dev.parley.core.conversation.ConversationView;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.RelayEvent;
import dev.parley.core.event.RelayListener;
import dev.parley.core.event.Topic;
import dev.parley.server.http.Wire;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes what the relay brings this node and queues frames on its connections. Events are handed to a few lanes
 * (a conversation's or a user's events always to the same one) so the relay's thread — the log's writer, on a
 * single node — only hands over. Nothing here reads a store: log events go through their conversation's
 * {@link ConversationStream}, which orders them; the rest carries what its frame needs.
 */
final class Dispatcher implements RelayListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** A conversation with at most this many local connections has its log events queued without a lane. */
    static final int INLINE_MAX_CONNECTIONS = 8;

    private final ConnectionRegistry registry;
    private final ConversationStreams streams;
    private final ExecutorService[] lanes;
    private final Runnable resync;
    private final boolean inline;

    /**
     * @param inline whether a log event for a conversation with few local connections is queued on them by the
     *               relay's thread itself, without a lane (for the in-process relay, whose thread is the log's writer)
     * @param resync what else to do when the relay may have lost events (after every stream read the log's end)
     */
    Dispatcher(ConnectionRegistry registry, ConversationStreams streams, int laneCount, boolean inline, Runnable resync) {
        this.registry = registry;
        this.streams = streams;
        this.inline = inline;
        this.resync = resync;
        this.lanes = new ExecutorService[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("parley-dispatch-" + i).daemon(true).factory());
        }
    }

    @Override
    public void onEvent(Topic topic, RelayEvent event) {
        if (inline && event instanceof LogEvent e && !(e instanceof LogEvent.MemberAdded) && fewConnections(e)) {
            dispatchOrLog(event);
            return;
        }
        lanes[(int) Math.floorMod(laneKey(event), (long) lanes.length)].execute(() -> dispatchOrLog(event));
    }

    /** True when the event's conversation has no stream here, or one with few enough connections to skip a lane. */
    private boolean fewConnections(LogEvent e) {
        ConversationStream stream = streams.get(e.conversationId());
        return stream == null || stream.size() <= INLINE_MAX_CONNECTIONS;
    }

    private void dispatchOrLog(RelayEvent event) {
        try {
            dispatch(event);
        } catch (RuntimeException e) {
            LOG.error("could not dispatch {}", event, e);
        }
    }

    @Override
    public void onResync() {
        streams.resync();
        resync.run();
    }

    private static long laneKey(RelayEvent event) {
        return switch (event) {
            case LogEvent e -> e.conversationId();
            case Ephemeral.Typing t -> t.conversationId();
            case Ephemeral.ReadMarkerMoved r -> r.userId();
            case Ephemeral.PresenceChanged p -> p.userId();
            case Ephemeral.SessionRevoked s -> s.userId();
            case Ephemeral.ProfileChanged p -> p.user().id();
            case Ephemeral.ConversationOpened o -> o.conversation().id();
            case Ephemeral.NotificationSettingsChanged n -> n.userId();
        };
    }

    private void dispatch(RelayEvent event) {
        switch (event) {
            case LogEvent.MemberAdded a -> {
                ConversationStream stream = streams.get(a.conversationId());
                if (stream == null && !registry.ofUser(a.member().id()).isEmpty()) {
                    stream = streams.openFor(a);
                }
                if (stream != null) {
                    stream.offer(a);
                }
            }
            case LogEvent e -> {
                ConversationStream stream = streams.get(e.conversationId());
                if (stream != null) {
                    stream.offer(e);
                }
            }
            case Ephemeral.Typing t -> {
                ConversationStream stream = streams.get(t.conversationId());
                if (stream != null) {
                    byte[] frame = Connection.utf8(Frames.typingStart(t.conversationId(), t.userId()));
                    stream.connections().stream().filter(c -> c.principal().userId() != t.userId()).forEach(c -> c.send(frame));
                }
            }
            case Ephemeral.ReadMarkerMoved r -> {
                byte[] frame = Connection.utf8(Frames.readState(r.conversationId(), r.lastReadSeq()));
                registry.ofUser(r.userId()).stream()
                        .filter(c -> r.originConnection() != null ? !c.tag.equals(r.originConnection())
                                : c.principal().sessionId() != r.originSessionId())
                        .forEach(c -> c.send(frame));
            }
            case Ephemeral.NotificationSettingsChanged n -> {
                byte[] frame = Connection.utf8(Frames.notificationSettings(n.conversationId(), n.notifyLevel().wire(),
                        Wire.time(n.mutedUntil())));
                registry.ofUser(n.userId()).forEach(c -> c.send(frame));
            }
            case Ephemeral.PresenceChanged p -> {
                Set<Connection> to = audience(p.audience());
                to.addAll(registry.watching(p.userId()));
                byte[] frame = Connection.utf8(Frames.presenceUpdate(p.userId(), p.status()));
                to.forEach(c -> c.send(frame));
            }
            case Ephemeral.ProfileChanged p -> {
                Set<Connection> to = audience(p.audience());
                to.addAll(registry.ofUser(p.user().id()));
                byte[] frame = Connection.utf8(Frames.userUpdate(p.user()));
                to.forEach(c -> c.send(frame));
            }
            case Ephemeral.SessionRevoked s -> registry.ofUser(s.userId()).stream()
                    .filter(c -> c.principal().sessionId() == s.sessionId())
                    .forEach(c -> c.close(CloseCodes.BAD_TOKEN, "session revoked"));
            case Ephemeral.ConversationOpened o -> o.members().forEach(u -> opened(o, u));
        }
    }

    /** The local connections in any of these conversations. */
    private Set<Connection> audience(List<Long> conversationIds) {
        Set<Connection> to = new HashSet<>();
        for (long id : conversationIds) {
            ConversationStream stream = streams.get(id);
            if (stream != null) {
                to.addAll(stream.connections());
            }
        }
        return to;
    }

    /** A conversation appeared for {@code member}: their connections here get it and join its stream. */
    private void opened(Ephemeral.ConversationOpened o, User member) {
        long id = o.conversation().id();
        String frame = null;
        for (Connection c : registry.ofUser(member.id())) {
            if (c.state() == Connection.State.CLOSED || c.conversations.contains(id) || !c.principal().scope().covers(id)) {
                continue;
            }
            if (frame == null) {
                User peer = o.conversation().isChannel() ? null
                        : o.members().stream().filter(u -> u.id() != member.id()).findFirst().orElse(null);
                frame = Frames.conversationCreate(new ConversationView(o.conversation(), peer, o.lastSeq(), null,
                        0, 0, o.conversation().createdAt()));
            }
            streams.join(c, id, o.lastSeq());
            c.send(frame);
        }
    }

    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
