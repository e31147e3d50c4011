package dev.parley.core.message;

import dev.parley.core.account.AccountStore;
import dev.parley.core.account.Principal;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.ConversationLog;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.id.Snowflake;
import dev.parley.core.ratelimit.RateLimitGate;
import dev.parley.core.ratelimit.RateLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Sending, editing, deleting and reading messages. Answers come once the log has made the change durable. */
public final class MessageService {
    public static final int MAX_PAGE = 100;
    public static final int DEFAULT_PAGE = 50;

    private final MessageStore messages;
    private final ConversationService conversations;
    private final AccountStore accounts;
    private final ConversationLog log;
    private final RateLimitGate gate;
    private final RateLimits limits;
    private final Snowflake ids;
    private final Clock clock;

    public MessageService(MessageStore messages, ConversationService conversations, AccountStore accounts,
                          ConversationLog log, RateLimitGate gate, RateLimits limits, Snowflake ids, Clock clock) {
        this.messages = messages;
        this.conversations = conversations;
        this.accounts = accounts;
        this.log = log;
        this.gate = gate;
        this.limits = limits;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Posts a message. Repeating a nonce returns the original message and stores nothing, even past the
     * rate limit (a client retrying a send it lost must get its message back). Checks run membership
     * first, then the content, the reply target and last the rate limit, so refused input costs no token.
     * The log dedupes nonces again, for repeats that race each other.
     */
    public CompletableFuture<Message> send(Principal caller, long conversationId, String content, String nonce,
                                           Long replyTo) {
        conversations.requireMember(conversationId, caller.userId());
        MessageRules.content(content);
        MessageRules.nonce(nonce);
        if (nonce != null) {
            var original = messages.findByNonce(conversationId, caller.userId(), nonce);
            if (original.isPresent()) {
                return CompletableFuture.completedFuture(original.get());
            }
        }
        if (replyTo != null && messages.find(conversationId, replyTo).isEmpty()) {
            throw new ParleyException(ErrorCode.INVALID_REPLY_TO, "reply_to must be a message of this conversation");
        }
        gate.check("send:" + caller.userId(), limits.sendPerUser(), "send");
        Instant now = clock.instant();
        var entry = new LogEntry.PostMessage(conversationId, ids.next(), caller.userId(), content, nonce, replyTo, now);
        return log.append(entry).thenApply(a -> ((LogEvent.MessagePosted) a.event()).message());
    }

    public CompletableFuture<Message> edit(Principal caller, long conversationId, long messageId, String content) {
        conversations.requireMember(conversationId, caller.userId());
        Message message = liveMessage(conversationId, messageId);
        if (message.authorId() != caller.userId()) {
            throw ParleyException.forbidden("only the author may edit a message");
        }
        MessageRules.content(content);
        return log.append(new LogEntry.EditMessage(conversationId, messageId, content, clock.instant()))
                .thenApply(a -> ((LogEvent.MessageEdited) a.event()).message());
    }

    public CompletableFuture<Void> delete(Principal caller, long conversationId, long messageId) {
        Conversation c = conversations.requireMember(conversationId, caller.userId());
        Message message = liveMessage(conversationId, messageId);
        if (message.authorId() != caller.userId() && !c.isOwner(caller.userId())) {
            throw ParleyException.forbidden("only the author or the channel's owner may delete a message");
        }
        return log.append(new LogEntry.DeleteMessage(conversationId, messageId, clock.instant()))
                .thenApply(a -> null);
    }

    /** A page of history: newest first before {@code beforeSeq} (or from the end), oldest first after {@code afterSeq}. */
    public HistoryPage history(Principal caller, long conversationId, Long beforeSeq, Long afterSeq, Integer limit) {
        conversations.requireMember(conversationId, caller.userId());
        if (beforeSeq != null && afterSeq != null) {
            throw ParleyException.invalid("give before_seq or after_seq, not both");
        }
        if ((beforeSeq != null && beforeSeq < 0) || (afterSeq != null && afterSeq < 0)) {
            throw ParleyException.invalid("seq cursors must not be negative");
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ParleyException.invalid("limit must be 1-" + MAX_PAGE);
        }
        List<Message> page = afterSeq != null
                ? messages.after(conversationId, afterSeq, size + 1)
                : messages.before(conversationId, beforeSeq, size + 1);
        boolean hasMore = page.size() > size;
        List<Message> shown = hasMore ? page.subList(0, size) : page;
        Set<Long> authors = new LinkedHashSet<>();
        shown.forEach(m -> authors.add(m.authorId()));
        return new HistoryPage(List.copyOf(shown), accounts.findUsers(authors), hasMore);
    }

    private Message liveMessage(long conversationId, long messageId) {
        Message message = messages.find(conversationId, messageId).orElseThrow(() -> ParleyException.notFound("message"));
        if (message.deleted()) {
            throw ParleyException.notFound("message");
        }
        return message;
    }
}
