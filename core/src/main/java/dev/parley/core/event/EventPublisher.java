package dev.parley.core.event;

import java.util.List;

/**
 * Puts events on the relay's topics, in one place. Messages, edits and deletions go to their conversation's
 * topic; membership and channel changes to every node (each node's caches follow them, and a new member's
 * sockets may be on any node); user-scoped events to the user's topic; profile and presence changes to every
 * node, which finds the recipients among its own sockets.
 *
 * <p>As the log's {@link LogListener} it is the only publisher of log events.
 */
public final class EventPublisher implements LogListener {
    private final EventRelay relay;

    public EventPublisher(EventRelay relay) {
        this.relay = relay;
    }

    @Override
    public void committed(List<LogEvent> events) {
        events.forEach(e -> relay.publish(topic(e), e));
    }

    public void publish(Ephemeral event) {
        switch (event) {
            case Ephemeral.Typing t -> relay.publish(Topic.conversation(t.conversationId()), t);
            case Ephemeral.ReadMarkerMoved r -> relay.publish(Topic.user(r.userId()), r);
            case Ephemeral.SessionRevoked s -> relay.publish(Topic.user(s.userId()), s);
            case Ephemeral.NotificationSettingsChanged n -> relay.publish(Topic.user(n.userId()), n);
            case Ephemeral.ConversationOpened o -> o.members().forEach(u -> relay.publish(Topic.user(u.id()), o));
            case Ephemeral.PresenceChanged p -> relay.publish(Topic.ALL, p);
            case Ephemeral.ProfileChanged p -> relay.publish(Topic.ALL, p);
        }
    }

    /** The topic a log event goes to. */
    public static Topic topic(LogEvent event) {
        return switch (event) {
            case LogEvent.MessagePosted p -> Topic.conversation(p.conversationId());
            case LogEvent.MessageEdited e -> Topic.conversation(e.conversationId());
            case LogEvent.MessageDeleted d -> Topic.conversation(d.conversationId());
            case LogEvent.MemberAdded a -> Topic.ALL;
            case LogEvent.MemberRemoved r -> Topic.ALL;
            case LogEvent.ConversationChanged c -> Topic.ALL;
            case LogEvent.ConversationRemoved r -> Topic.ALL;
        };
    }
}
