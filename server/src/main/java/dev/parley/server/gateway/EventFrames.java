package dev.parley.server.gateway;

import dev.parley.core.account.AccountStore;
import dev.parley.core.account.User;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.event.LogEvent;
import java.util.Optional;

/** Turns log events into the frames a given member receives. */
final class EventFrames {
    private final AccountStore accounts;
    private final ConversationService conversations;

    EventFrames(AccountStore accounts, ConversationService conversations) {
        this.accounts = accounts;
        this.conversations = conversations;
    }

    /** The frame a member sees for an event of a conversation they stay in; empty if it cannot be shown. */
    Optional<String> forMember(LogEvent event, long viewerId) {
        return switch (event) {
            case LogEvent.MessagePosted p -> Optional.of(Frames.messageCreate(p.message()));
            case LogEvent.MessageEdited e -> Optional.of(Frames.messageUpdate(e.message(), e.seq()));
            case LogEvent.MessageDeleted d -> Optional.of(Frames.messageDelete(d.conversationId(), d.seq(), d.messageId()));
            case LogEvent.MemberAdded a -> user(a.userId()).map(u -> Frames.member("MEMBER_ADD", a.conversationId(), a.seq(), u));
            case LogEvent.MemberRemoved r -> user(r.userId()).map(u -> Frames.member("MEMBER_REMOVE", r.conversationId(), r.seq(), u));
            case LogEvent.ConversationChanged c -> conversationUpdate(c.conversationId(), c.seq(), viewerId);
            case LogEvent.ConversationRemoved r -> Optional.of(Frames.conversationDelete(r.conversationId(), r.seq()));
        };
    }

    Optional<String> conversationUpdate(long conversationId, long seq, long viewerId) {
        try {
            return Optional.of(Frames.conversationUpdate(conversations.view(viewerId, conversationId), seq));
        } catch (dev.parley.core.error.ParleyException gone) {
            return Optional.empty();
        }
    }

    Optional<User> user(long userId) {
        return accounts.findUser(userId);
    }
}
