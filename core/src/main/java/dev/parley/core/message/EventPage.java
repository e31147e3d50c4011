package dev.parley.core.message;

import dev.parley.core.event.LogEvent;
import java.util.List;

/** A page of a conversation's log, oldest first, and whether more follows. */
public record EventPage(List<LogEvent> events, boolean hasMore) {
}
