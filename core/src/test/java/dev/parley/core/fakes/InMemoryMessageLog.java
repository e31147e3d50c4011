package dev.parley.core.fakes;

import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogPosition;
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
 * The message log and its read side in one object: each append is given the conversation's next seq and
 * completes at once. Keeps the log's rules that services rely on: nonce idempotency per author, and
 * not_found without a seq for an edit or deletion of a missing or deleted message.
 */
public final class InMemoryMessageLog implements MessageLog, MessageStore {
    private final Map<Long, List<LogEvent>> events = new HashMap<>();
    private final Map<Long, Message> messages = new LinkedHashMap<>();

    @Override
    public synchronized CompletableFuture<Appended> append(LogEntry entry) {
        long cid = entry.conversationId();
        if (entry instanceof LogEntry.PostMessage p && p.nonce() != null) {
            Optional<Message> earlier = findByNonce(cid, p.authorId(), p.nonce());
            if (earlier.isPresent()) {
                Message m = earlier.get();
                return CompletableFuture.completedFuture(new Appended(new LogEvent.MessagePosted(cid, m.seq(), m.createdAt(), m), true));
            }
        }
        try {
            LogEvent event = switch (entry) {
                case LogEntry.PostMessage p -> {
                    Message m = new Message(p.messageId(), cid, nextSeq(cid), p.authorId(), p.content(), p.at(), null, false,
                            p.replyTo(), p.nonce());
                    messages.put(m.id(), m);
                    yield new LogEvent.MessagePosted(cid, m.seq(), p.at(), m);
                }
                case LogEntry.EditMessage e -> {
                    Message m = live(cid, e.messageId());
                    Message edited = new Message(m.id(), cid, m.seq(), m.authorId(), e.content(), m.createdAt(), e.at(), false,
                            m.replyTo(), m.nonce());
                    messages.put(m.id(), edited);
                    yield new LogEvent.MessageEdited(cid, nextSeq(cid), e.at(), edited);
                }
                case LogEntry.DeleteMessage d -> {
                    Message m = live(cid, d.messageId());
                    messages.put(m.id(), new Message(m.id(), cid, m.seq(), m.authorId(), "", m.createdAt(), m.editedAt(), true,
                            m.replyTo(), m.nonce()));
                    yield new LogEvent.MessageDeleted(cid, nextSeq(cid), d.at(), m.id());
                }
                case LogEntry.AddMember a -> new LogEvent.MemberAdded(cid, nextSeq(cid), a.at(), a.userId());
                case LogEntry.RemoveMember r -> new LogEvent.MemberRemoved(cid, nextSeq(cid), r.at(), r.userId());
                case LogEntry.ChangeConversation ch -> new LogEvent.ConversationChanged(cid, nextSeq(cid), ch.at());
                case LogEntry.RemoveConversation rc -> new LogEvent.ConversationRemoved(cid, nextSeq(cid), rc.at());
            };
            events.computeIfAbsent(cid, k -> new ArrayList<>()).add(event);
            return CompletableFuture.completedFuture(new Appended(event, false));
        } catch (ParleyException e) {
            return CompletableFuture.failedFuture(e);
        }
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

    private Stream<Message> messagesOf(long conversationId) {
        return messages.values().stream().filter(m -> m.conversationId() == conversationId);
    }

    private Message live(long conversationId, long messageId) {
        Message m = messages.get(messageId);
        if (m == null || m.conversationId() != conversationId || m.deleted()) {
            throw ParleyException.notFound("message");
        }
        return m;
    }

    private long nextSeq(long conversationId) {
        return events.getOrDefault(conversationId, List.of()).size() + 1L;
    }
}
