package dev.parley.server.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.Principal;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationView;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.LogEvent;
import dev.parley.core.message.MessageStore;
import dev.parley.server.http.Json;
import dev.parley.server.http.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an identified connection receives before live events: READY, then for every conversation whose
 * cursor is behind its missed events in seq order (at most {@code limit}, then CATCHUP_TRUNCATED), then
 * CATCHUP_DONE. Also says up to which seq each conversation is covered, so held live events that the
 * replay already carried are dropped. Each conversation's missed events are one read of its log, all the
 * conversations' read together ({@link MessageStore#eventsAfter(Map, int)}).
 */
final class CatchUp {
    record Result(List<String> frames, Map<Long, Long> coveredUpTo) {
    }

    private final AccountStore accounts;
    private final ConversationService conversations;
    private final MessageStore messages;
    private final int limit;

    CatchUp(AccountStore accounts, ConversationService conversations, MessageStore messages, int limit) {
        this.accounts = accounts;
        this.conversations = conversations;
        this.messages = messages;
        this.limit = limit;
    }

    Result build(Principal principal, Map<Long, Long> cursors) {
        List<ConversationView> views = conversations.list(principal);
        List<String> frames = new ArrayList<>();
        Map<Long, Long> covered = new HashMap<>();
        ObjectNode ready = Json.object();
        ready.set("user", Wire.user(accounts.findUser(principal.userId()).orElseThrow(() -> ParleyException.notFound("user"))));
        ready.put("session_id", Wire.id(principal.sessionId()));
        ready.set("conversations", Wire.conversations(views));
        frames.add(Frames.frame("READY", ready));
        Map<Long, ConversationView> byId = new HashMap<>();
        views.forEach(v -> {
            byId.put(v.conversation().id(), v);
            covered.put(v.conversation().id(), v.lastSeq());
        });
        Map<Long, Long> behind = new HashMap<>();
        cursors.forEach((conversationId, cursor) -> {
            if (byId.containsKey(conversationId)) {
                behind.put(conversationId, cursor);
            }
        });
        Map<Long, List<LogEvent>> missed = messages.eventsAfter(behind, limit + 1);
        cursors.forEach((conversationId, cursor) -> {
            ConversationView view = byId.get(conversationId);
            if (view == null) {
                frames.add(Frames.conversationDelete(conversationId, null, null));
            } else {
                covered.put(conversationId, replay(conversationId, cursor, missed.get(conversationId), view.lastSeq(), frames));
            }
        });
        frames.add(Frames.empty("CATCHUP_DONE"));
        return new Result(frames, covered);
    }

    /** Adds the missed events of one conversation (up to {@code limit} + 1 read); returns the seq the client is covered up to. */
    private long replay(long conversationId, long cursor, List<LogEvent> missed, long lastSeqAtReady, List<String> frames) {
        if (missed.isEmpty()) {
            return Math.min(cursor, lastSeqAtReady);
        }
        List<LogEvent> sent = missed.size() > limit ? missed.subList(0, limit) : missed;
        for (LogEvent e : sent) {
            frames.add(Frames.logEvent(e));
        }
        long last = sent.get(sent.size() - 1).seq();
        if (missed.size() > limit) {
            long toSeq = Math.max(messages.position(conversationId).lastSeq(), last + 1);
            frames.add(Frames.catchupTruncated(conversationId, last + 1, toSeq));
            return toSeq;
        }
        return last;
    }
}
