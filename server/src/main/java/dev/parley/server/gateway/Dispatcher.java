package dev.parley.server.gateway;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.ConversationView;
import dev.parley.core.conversation.Membership;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.RelayEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every relayed event and queues its frames on this node's connections. One thread does it, in the
 * order the relay delivered, so each conversation's events reach each socket in seq order; a frame is
 * serialised once and shared by all its recipients.
 */
final class Dispatcher implements Consumer<RelayEvent>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** Presence is pushed to everyone in channels up to this size; in larger ones only to who asked. */
    static final int PRESENCE_FANOUT_MAX_MEMBERS = 1_000;

    private final ConnectionRegistry registry;
    private final EventFrames frames;
    private final ConversationService conversations;
    private final ConversationStore conversationStore;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parley-dispatch");
        t.setDaemon(true);
        return t;
    });

    Dispatcher(ConnectionRegistry registry, EventFrames frames, ConversationService conversations,
               ConversationStore conversationStore) {
        this.registry = registry;
        this.frames = frames;
        this.conversations = conversations;
        this.conversationStore = conversationStore;
    }

    @Override
    public void accept(RelayEvent event) {
        thread.execute(() -> {
            try {
                dispatch(event);
            } catch (RuntimeException e) {
                LOG.error("could not dispatch {}", event, e);
            }
        });
    }

    private void dispatch(RelayEvent event) {
        switch (event) {
            case LogEvent.MessagePosted p -> fanOut(p, frames.forMember(p, 0).orElseThrow());
            case LogEvent.MessageEdited e -> fanOut(e, frames.forMember(e, 0).orElseThrow());
            case LogEvent.MessageDeleted d -> fanOut(d, frames.forMember(d, 0).orElseThrow());
            case LogEvent.MemberAdded a -> memberAdded(a);
            case LogEvent.MemberRemoved r -> memberRemoved(r);
            case LogEvent.ConversationChanged c -> conversationChanged(c);
            case LogEvent.ConversationRemoved r -> conversationRemoved(r);
            case Ephemeral.Typing t -> registry.inConversation(t.conversationId()).stream()
                    .filter(c -> c.principal().userId() != t.userId())
                    .forEach(c -> c.send(Frames.typingStart(t.conversationId(), t.userId())));
            case Ephemeral.ReadMarkerMoved r -> {
                String frame = Frames.readState(r.conversationId(), r.lastReadSeq());
                registry.ofUser(r.userId()).stream()
                        .filter(c -> c.principal().sessionId() != r.originSessionId())
                        .forEach(c -> c.send(frame));
            }
            case Ephemeral.PresenceChanged p -> toAcquaintances(p.userId(), Frames.presenceUpdate(p.userId(), p.status()), false);
            case Ephemeral.ProfileChanged u -> {
                String frame = Frames.frame("USER_UPDATE", dev.parley.server.http.Json.object()
                        .set("user", dev.parley.server.http.Wire.user(u.user())));
                toAcquaintances(u.user().id(), frame, true);
            }
            case Ephemeral.SessionRevoked s -> registry.ofUser(s.userId()).stream()
                    .filter(c -> c.principal().sessionId() == s.sessionId())
                    .forEach(c -> c.close(CloseCodes.BAD_TOKEN, "session revoked"));
            case Ephemeral.ConversationOpened o -> o.userIds().forEach(u -> opened(o.conversationId(), u));
        }
    }

    private void fanOut(LogEvent e, String frame) {
        long at = e.at().toEpochMilli();
        for (Connection c : registry.inConversation(e.conversationId())) {
            c.sendLogEvent(e.conversationId(), e.seq(), frame, at);
        }
    }

    private void memberAdded(LogEvent.MemberAdded a) {
        Set<Connection> newcomer = registry.ofUser(a.userId());
        if (!newcomer.isEmpty()) {
            try {
                ConversationView view = conversations.view(a.userId(), a.conversationId());
                String create = Frames.conversation("CONVERSATION_CREATE", view, a.seq());
                for (Connection c : newcomer) {
                    registry.subscribe(c, a.conversationId());
                    c.sendLogEvent(a.conversationId(), a.seq(), create, 0);
                }
            } catch (ParleyException gone) {
                // removed again (or deleted) before this event was dispatched: the later event will say so
            }
        }
        frames.forMember(a, 0).ifPresent(frame -> registry.inConversation(a.conversationId()).stream()
                .filter(c -> c.principal().userId() != a.userId())
                .forEach(c -> c.sendLogEvent(a.conversationId(), a.seq(), frame, 0)));
    }

    private void memberRemoved(LogEvent.MemberRemoved r) {
        String delete = Frames.conversationDelete(r.conversationId(), r.seq());
        for (Connection c : List.copyOf(registry.ofUser(r.userId()))) {
            if (c.conversations.contains(r.conversationId())) {
                c.sendLogEvent(r.conversationId(), r.seq(), delete, 0);
                registry.unsubscribe(c, r.conversationId());
            }
        }
        frames.forMember(r, 0).ifPresent(frame -> fanOut(r, frame));
    }

    private void conversationChanged(LogEvent.ConversationChanged e) {
        registry.inConversation(e.conversationId()).stream().findAny()
                .flatMap(any -> frames.conversationUpdate(e.conversationId(), e.seq(), any.principal().userId()))
                .ifPresent(frame -> fanOut(e, frame));
    }

    private void conversationRemoved(LogEvent.ConversationRemoved e) {
        String frame = Frames.conversationDelete(e.conversationId(), e.seq());
        for (Connection c : List.copyOf(registry.inConversation(e.conversationId()))) {
            c.sendLogEvent(e.conversationId(), e.seq(), frame, 0);
            registry.unsubscribe(c, e.conversationId());
        }
    }

    /**
     * Sends a frame about a user to the sockets that see them: members of their DMs and of their channels
     * of up to {@link #PRESENCE_FANOUT_MAX_MEMBERS} members, sockets that asked to watch them, and with
     * {@code includeSelf} all their own sockets.
     */
    private void toAcquaintances(long userId, String frame, boolean includeSelf) {
        Set<Connection> recipients = new HashSet<>(registry.watching(userId));
        if (includeSelf) {
            recipients.addAll(registry.ofUser(userId));
        }
        for (Membership m : conversationStore.membershipsOf(userId)) {
            Set<Connection> members = registry.inConversation(m.conversationId());
            if (!members.isEmpty() && conversationStore.find(m.conversationId())
                    .map(Conversation::memberCount).orElse(Integer.MAX_VALUE) <= PRESENCE_FANOUT_MAX_MEMBERS) {
                recipients.addAll(members);
            }
        }
        recipients.forEach(c -> c.send(frame));
    }

    private void opened(long conversationId, long userId) {
        Set<Connection> connections = registry.ofUser(userId);
        if (connections.isEmpty()) {
            return;
        }
        try {
            ConversationView view = conversations.view(userId, conversationId);
            String frame = Frames.frame("CONVERSATION_CREATE",
                    dev.parley.server.http.Json.object().set("conversation", dev.parley.server.http.Wire.conversation(view)));
            for (Connection c : connections) {
                if (!c.conversations.contains(conversationId)) {
                    registry.subscribe(c, conversationId);
                    c.send(frame);
                }
            }
        } catch (ParleyException gone) {
            // the conversation went away before this event was dispatched
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
