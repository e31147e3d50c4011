package dev.parley.core.fakes;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogDecision;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogListener;
import dev.parley.core.event.LogPosition;
import dev.parley.core.event.LogRules;
import dev.parley.core.event.LogState;
import dev.parley.core.event.MessageLog;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The message log and its read side in one object, writing memberships and channels into an
 * {@link InMemoryConversationStore} as a real writer does: each append is decided by {@link LogRules}, applied,
 * told to the listener, and completes at once.
 */
public final class InMemoryMessageLog implements MessageLog, MessageStore {
    private final InMemoryConversationStore conversations;
    private final LogListener listener;
    private final Map<Long, List<LogEvent>> events = new HashMap<>();
    private final Map<Long, Message> messages = new LinkedHashMap<>();
    private final LogState state = new LogState() {
        @Override
        public Optional<Conversation> conversation(long conversationId) {
            return conversations.find(conversationId);
        }

        @Override
        public boolean isMember(long conversationId, long userId) {
            return conversations.membership(conversationId, userId).isPresent();
        }

        @Override
        public boolean isBanned(long conversationId, long userId) {
            return conversations.isBanned(conversationId, userId);
        }

        @Override
        public Optional<Long> longestStandingMember(long conversationId, long excludedUserId) {
            return conversations.longestStandingMember(conversationId, excludedUserId);
        }

        @Override
        public Optional<Message> message(long conversationId, long messageId) {
            return find(conversationId, messageId);
        }

        @Override
        public Optional<Message> messageByNonce(long conversationId, long authorId, String nonce) {
            return findByNonce(conversationId, authorId, nonce);
        }

        @Override
        public long lastSeq(long conversationId) {
            return events.getOrDefault(conversationId, List.of()).size();
        }
    };

    public InMemoryMessageLog(InMemoryConversationStore conversations, LogListener listener) {
        this.conversations = conversations;
        this.listener = listener;
    }

    public InMemoryMessageLog(InMemoryConversationStore conversations) {
        this(conversations, LogListener.NONE);
    }

    @Override
    public synchronized CompletableFuture<Appended> append(LogEntry entry) {
        LogDecision decision;
        try {
            decision = LogRules.decide(entry, state);
        } catch (ParleyException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(switch (decision) {
            case LogDecision.Repeat r -> new Appended(r.original(), true);
            case LogDecision.Unchanged u -> Appended.UNCHANGED;
            case LogDecision.Write w -> {
                w.events().forEach(this::apply);
                w.bans().forEach(b -> conversations.setBanned(b.conversationId(), b.userId(), b.banned()));
                if (!w.events().isEmpty()) {
                    listener.committed(w.events());
                }
                yield new Appended(w.events().isEmpty() ? null : w.events().get(0), false);
            }
        });
    }

    private void apply(LogEvent event) {
        switch (event) {
            case LogEvent.MessagePosted p -> messages.put(p.message().id(), p.message());
            case LogEvent.MessageEdited e -> messages.put(e.message().id(), e.message());
            case LogEvent.MessageDeleted d -> {
                Message m = messages.get(d.messageId());
                messages.put(m.id(), new Message(m.id(), m.conversationId(), m.seq(), m.authorId(), "", m.createdAt(),
                        m.editedAt(), true, m.replyTo(), m.nonce()));
            }
            case LogEvent.MemberAdded a -> {
                conversations.addMember(a.conversationId(), a.member().id(), a.at(), a.seq());
                conversations.replace(a.conversation());
            }
            case LogEvent.MemberRemoved r -> {
                conversations.removeMember(r.conversationId(), r.member().id());
                conversations.replace(r.conversation());
            }
            case LogEvent.ConversationChanged c -> conversations.replace(c.conversation());
            case LogEvent.ConversationRemoved r -> conversations.markDeleted(r.conversationId());
        }
        events.computeIfAbsent(event.conversationId(), k -> new ArrayList<>()).add(event);
    }

    @Override
    public void close() {
    }

    @Override
    public synchronized Optional<Message> find(long conversationId, long messageId) {
        return Optional.ofNullable(messages.get(messageId)).filter(m -> m.conversationId() == conversationId);
    }

    @Override
    public synchronized Optional<Message> findByNonce(long conversationId, long authorId, String nonce) {
        return messagesOf(conversationId).filter(m -> m.authorId() == authorId && nonce.equals(m.nonce())).findFirst();
    }

    @Override
    public synchronized List<Message> before(long conversationId, Long beforeSeq, int limit) {
        long before = beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
        return messagesOf(conversationId).filter(m -> m.seq() < before)
                .sorted(Comparator.comparingLong(Message::seq).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized List<Message> after(long conversationId, long afterSeq, int limit) {
        return messagesOf(conversationId).filter(m -> m.seq() > afterSeq)
                .sorted(Comparator.comparingLong(Message::seq)).limit(limit).toList();
    }

    @Override
    public synchronized List<LogEvent> eventsAfter(long conversationId, long afterSeq, int limit) {
        return events.getOrDefault(conversationId, List.of()).stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
    }

    @Override
    public synchronized LogPosition position(long conversationId) {
        List<LogEvent> log = events.getOrDefault(conversationId, List.of());
        if (log.isEmpty()) {
            return LogPosition.EMPTY;
        }
        LogEvent last = log.get(log.size() - 1);
        return new LogPosition(last.seq(), last.at());
    }

    @Override
    public synchronized Optional<Message> lastMessage(long conversationId) {
        return messagesOf(conversationId).max(Comparator.comparingLong(Message::seq));
    }

    @Override
    public synchronized long unreadCount(long conversationId, long userId, long afterSeq) {
        return messagesOf(conversationId).filter(m -> m.seq() > afterSeq && m.authorId() != userId && !m.deleted()).count();
    }

    @Override
    public synchronized long mentionCount(long conversationId, long userId, long afterSeq) {
        return messagesOf(conversationId).filter(m -> m.seq() > afterSeq && m.authorId() != userId && !m.deleted()
                && m.mentions().mentions(userId)).count();
    }

    private Stream<Message> messagesOf(long conversationId) {
        return messages.values().stream().filter(m -> m.conversationId() == conversationId);
    }
}
