package dev.parley.core.message;

import dev.parley.core.account.User;
import dev.parley.core.event.LogEvent;
import java.util.List;
import java.util.Map;

/**
 * A page of history with the profiles of its authors, each once. {@code events}: the membership and channel events
 * among the page's seqs, if asked for (else empty). {@code hasMoreBefore} / {@code hasMoreAfter}: for a page around a
 * seq, whether older / newer messages exist (null for other pages).
 */
public record HistoryPage(List<Message> messages, Map<Long, User> users, boolean hasMore, List<LogEvent> events,
                          Boolean hasMoreBefore, Boolean hasMoreAfter) {

    public HistoryPage(List<Message> messages, Map<Long, User> users, boolean hasMore) {
        this(messages, users, hasMore, List.of(), null, null);
    }
}
