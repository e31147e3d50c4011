package dev.parley.core.event;

import java.util.List;

/** What the writer does with an entry it accepted (a refused one throws instead). */
public sealed interface LogDecision {
    /**
     * Write these events, in order, with the rows they change, and the ban changes with them; the first event is
     * the entry's answer (a ban of someone who is not a member writes no event, only its ban).
     */
    record Write(List<LogEvent> events, List<BanChange> bans) implements LogDecision {
        public Write(List<LogEvent> events) {
            this(events, List.of());
        }
    }

    /** A channel's ban of a user, set or lifted: a row the writer changes with the entry's events. */
    record BanChange(long conversationId, long userId, boolean banned, long actorId, java.time.Instant at) {
    }

    /** A post repeating an earlier nonce: answer with the original, write nothing. */
    record Repeat(LogEvent original) implements LogDecision {
    }

    /** The change is already so (adding a member who is one): write nothing. */
    record Unchanged() implements LogDecision {
    }
}
