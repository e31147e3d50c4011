package dev.parley.testkit;

import dev.parley.core.account.AccountStore;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.LogListener;
import dev.parley.core.event.MessageLog;
import dev.parley.core.message.MessageStore;
import java.time.Instant;

/**
 * The stores of one backend as a contract test uses them: the log's writer changes memberships and channels,
 * so conversation and log contracts need them together. The contract closes the log, then {@code resources}.
 */
public record Backend(AccountStore accounts, ConversationStore conversations, MessageStore messages, MessageLog log,
                      AutoCloseable resources) {

    /** Opens a backend's stores for one test; the log tells {@code listener} what it commits. */
    @FunctionalInterface
    public interface Factory {
        Backend open(LogListener listener);
    }

    /** A stored user with a fresh id and name. */
    public User user() {
        long id = UniqueIds.next();
        String name = UniqueIds.name("u");
        accounts.createUser(new NewUser(id, name, "User " + name, null, "hash", UniqueIds.nowMillis()));
        return accounts.findUser(id).orElseThrow();
    }

    /** A new channel of which {@code owner} is the only member (no log event). */
    public Conversation channel(User owner, String name, Visibility visibility, Instant at) {
        Conversation channel = new Conversation(UniqueIds.next(), ConversationKind.CHANNEL, name, "a topic", visibility,
                owner.id(), 1, at);
        conversations.createChannel(channel);
        return channel;
    }
}
