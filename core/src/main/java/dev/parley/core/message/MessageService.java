package dev.parley.core.message;

import dev.parley.core.Paging;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.Principal;
import dev.parley.core.account.User;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.Futures;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.MessageLog;
import dev.parley.core.id.Snowflake;
import dev.parley.core.ratelimit.BucketSpec;
import dev.parley.core.ratelimit.RateLimitGate;
import dev.parley.core.ratelimit.RateLimits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sending, editing, deleting and reading messages. Answers come once the log has made the change durable.
 * Who may edit or delete is decided by the log's writer, against the message as it is at that moment.
 */
public final class MessageService {
    public static final int MAX_PAGE = 100;
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_EVENTS_PAGE = 100;
    /** Most log events read to find a history page's membership and channel events. */
    public static final int MAX_PAGE_EVENTS_SCAN = 500;

    private record NonceKey(long conversationId, long authorId, String nonce) {
    }

    private final MessageStore messages;
    private final ConversationService conversations;
    private final AccountStore accounts;
    private final MessageLog log;
    private final RateLimitGate gate;
    private final RateLimits limits;
    private final Snowflake ids;
    private final Clock clock;
    /** Posts with a nonce that this node is sending now: a repeat joins the first instead of spending a token. */
    private final ConcurrentHashMap<NonceKey, CompletableFuture<Message>> inFlight = new ConcurrentHashMap<>();

    public MessageService(MessageStore messages, ConversationService conversations, AccountStore accounts,
                          MessageLog log, RateLimitGate gate, RateLimits limits, Snowflake ids, Clock clock) {
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
     * Posts a message. Repeating a nonce returns the original message and stores nothing, and never spends a
     * send token: not past the rate limit, and not while the original is still on its way (the repeat waits
     * for it). A warm send reads no store before the log: membership comes from the cache, and the log's writer
     * finds a repeated nonce and checks the reply target where it decides the entry. The token is taken first
     * and given back when the writer answers with the original or refuses the entry, so refused input costs no
     * token; a repeat refused by the rate limit looks its original up before it is refused.
     */
    public CompletableFuture<Message> send(Principal caller, long conversationId, String content, String nonce,
                                           Long replyTo) {
        conversations.requireSender(caller, conversationId);
        MessageRules.content(content);
        MessageRules.nonce(nonce);
        String bucket = "send:" + caller.userId();
        var entry = new LogEntry.PostMessage(conversationId, ids.next(), caller.userId(), content, nonce, replyTo,
                clock.instant(), requestedMentions(content));
        BucketSpec spec = caller.isBot() ? limits.sendPerBot() : limits.sendPerUser();
        if (nonce == null) {
            gate.check(bucket, spec, "send");
            return post(entry, bucket, spec);
        }
        NonceKey key = new NonceKey(conversationId, caller.userId(), nonce);
        CompletableFuture<Message> mine = new CompletableFuture<>();
        CompletableFuture<Message> first = inFlight.putIfAbsent(key, mine);
        if (first != null) {
            return first;
        }
        try {
            gate.check(bucket, spec, "send");
        } catch (ParleyException refused) {
            inFlight.remove(key, mine);
            var original = messages.findByNonce(conversationId, caller.userId(), nonce);
            if (original.isPresent()) {
                mine.complete(original.get());
                return mine;
            }
            mine.completeExceptionally(refused);
            throw refused;
        }
        post(entry, bucket, spec).whenComplete((m, t) -> {
            inFlight.remove(key, mine);
            if (t != null) {
                mine.completeExceptionally(t);
            } else {
                mine.complete(m);
            }
        });
        return mine;
    }

    public CompletableFuture<Message> edit(Principal caller, long conversationId, long messageId, String content) {
        conversations.requireSender(caller, conversationId);
        MessageRules.content(content);
        return log.append(new LogEntry.EditMessage(conversationId, messageId, caller.userId(), content, clock.instant(),
                        requestedMentions(content)))
                .thenApply(a -> ((LogEvent.MessageEdited) a.event()).message());
    }

    public CompletableFuture<Void> delete(Principal caller, long conversationId, long messageId) {
        conversations.requireSender(caller, conversationId);
        return log.append(new LogEntry.DeleteMessage(conversationId, messageId, caller.userId(), clock.instant()))
                .thenApply(a -> null);
    }

    /** A page of history: newest first before {@code beforeSeq} (or from the end), oldest first after {@code afterSeq}. */
    public HistoryPage history(Principal caller, long conversationId, Long beforeSeq, Long afterSeq, Long limit) {
        return history(caller, conversationId, new HistoryQuery(beforeSeq, afterSeq, null, limit, false));
    }

    /** A page of history as {@link HistoryQuery} says. */
    public HistoryPage history(Principal caller, long conversationId, HistoryQuery q) {
        conversations.requireMember(caller, conversationId);
        int cursors = (q.beforeSeq() == null ? 0 : 1) + (q.afterSeq() == null ? 0 : 1) + (q.aroundSeq() == null ? 0 : 1)
                + (q.aroundId() == null ? 0 : 1);
        if (cursors > 1) {
            throw ParleyException.invalid("give one of before_seq, after_seq, around_seq and around_id");
        }
        Paging.seqCursor(q.beforeSeq(), "before_seq");
        Paging.seqCursor(q.afterSeq(), "after_seq");
        Paging.seqCursor(q.aroundSeq(), "around_seq");
        int size = Paging.limit(q.limit(), DEFAULT_PAGE, MAX_PAGE);
        if (q.aroundSeq() != null) {
            return around(conversationId, q.aroundSeq(), size, q.withEvents());
        }
        if (q.aroundId() != null) {
            long seq = messages.find(conversationId, q.aroundId())
                    .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "message not found")).seq();
            return around(conversationId, seq, size, q.withEvents());
        }
        List<Message> page = q.afterSeq() != null
                ? messages.after(conversationId, q.afterSeq(), size + 1)
                : messages.before(conversationId, q.beforeSeq(), size + 1);
        boolean hasMore = page.size() > size;
        List<Message> shown = hasMore ? page.subList(0, size) : page;
        List<LogEvent> events = List.of();
        if (q.withEvents()) {
            long lo;
            long hi;
            if (q.afterSeq() != null) {
                lo = q.afterSeq();
                hi = hasMore ? shown.get(shown.size() - 1).seq() : Long.MAX_VALUE;
            } else {
                lo = hasMore ? shown.get(shown.size() - 1).seq() : 0;
                hi = q.beforeSeq() != null ? q.beforeSeq() - 1 : Long.MAX_VALUE;
            }
            events = pageEvents(conversationId, lo, hi);
        }
        return new HistoryPage(List.copyOf(shown), authors(shown), hasMore, events, null, null);
    }

    /** The message at {@code seq} (or where it would be) and about half a page on each side, oldest first. */
    private HistoryPage around(long conversationId, long seq, int size, boolean withEvents) {
        int half = Math.max(1, size / 2);
        List<Message> older = messages.before(conversationId, seq + 1, size - half + 1);
        List<Message> newer = messages.after(conversationId, seq, half + 1);
        boolean moreBefore = older.size() > size - half;
        boolean moreAfter = newer.size() > half;
        List<Message> shown = new ArrayList<>();
        List<Message> olderShown = moreBefore ? older.subList(0, size - half) : older;
        for (int i = olderShown.size() - 1; i >= 0; i--) {
            shown.add(olderShown.get(i));
        }
        shown.addAll(moreAfter ? newer.subList(0, half) : newer);
        List<LogEvent> events = List.of();
        if (withEvents) {
            long lo = moreBefore ? shown.get(0).seq() : 0;
            long hi = moreAfter ? shown.get(shown.size() - 1).seq() : Long.MAX_VALUE;
            events = pageEvents(conversationId, lo, hi);
        }
        return new HistoryPage(List.copyOf(shown), authors(shown), moreBefore || moreAfter, events, moreBefore, moreAfter);
    }

    private Map<Long, User> authors(List<Message> shown) {
        Set<Long> authors = new LinkedHashSet<>();
        shown.forEach(m -> authors.add(m.authorId()));
        return accounts.findUsers(authors);
    }

    /** Membership and channel events with seq in (lo, hi], of the first {@link #MAX_PAGE_EVENTS_SCAN} events after lo. */
    private List<LogEvent> pageEvents(long conversationId, long lo, long hi) {
        long span = hi == Long.MAX_VALUE ? MAX_PAGE_EVENTS_SCAN : Math.min(MAX_PAGE_EVENTS_SCAN, hi - lo);
        if (span <= 0) {
            return List.of();
        }
        return messages.eventsAfter(conversationId, lo, (int) span).stream()
                .filter(e -> e.seq() <= hi)
                .filter(e -> !(e instanceof LogEvent.MessagePosted || e instanceof LogEvent.MessageEdited
                        || e instanceof LogEvent.MessageDeleted))
                .toList();
    }

    /** The conversation's log after {@code afterSeq}, oldest first: what catch-up and gap repair read. */
    public EventPage events(Principal caller, long conversationId, Long afterSeq, Long limit) {
        conversations.requireMember(caller, conversationId);
        long after = Paging.seqCursor(afterSeq, "after_seq") == null ? 0 : afterSeq;
        int size = Paging.limit(limit, MAX_EVENTS_PAGE, MAX_EVENTS_PAGE);
        List<LogEvent> events = messages.eventsAfter(conversationId, after, size + 1);
        boolean hasMore = events.size() > size;
        return new EventPage(List.copyOf(hasMore ? events.subList(0, size) : events), hasMore);
    }

    /**
     * The mentions the content asks for, usernames resolved to user ids here, at the edge (the writer keeps those
     * who are members at the entry's turn, and the flags only where the author may use them). Only content that names
     * someone reads the account store before the log.
     */
    private Mentions requestedMentions(String content) {
        MentionParser.Parsed parsed = MentionParser.parse(content);
        if (parsed.usernames().isEmpty() && !parsed.here() && !parsed.channel()) {
            return Mentions.NONE;
        }
        List<Long> named = new ArrayList<>();
        for (String username : parsed.usernames()) {
            accounts.findByUsername(username).ifPresent(u -> named.add(u.id()));
        }
        return new Mentions(named, parsed.here(), parsed.channel());
    }

    /** Appends a post whose token was taken from {@code bucket}; the token goes back for a repeat or a refusal. */
    private CompletableFuture<Message> post(LogEntry.PostMessage entry, String bucket, BucketSpec spec) {
        return log.append(entry).whenComplete((a, t) -> {
            if ((a != null && a.duplicate()) || (t != null && Futures.unwrap(t) instanceof ParleyException)) {
                gate.refund(bucket, spec);
            }
        }).thenApply(a -> ((LogEvent.MessagePosted) a.event()).message());
    }
}
