package dev.parley.core.event;

import java.util.List;

/** What the writer does with an entry it accepted (a refused one throws instead). */
public sealed interface LogDecision {
    /** Write these events, in order, with the rows they change; the first is the entry's answer. */
    record Write(List<LogEvent> events) implements LogDecision {
    }

    /** A post repeating an earlier nonce: answer with the original, write nothing. */
    record Repeat(LogEvent original) implements LogDecision {
    }

    /** The change is already so (adding a member who is one): write nothing. */
    record Unchanged() implements LogDecision {
    }
}
