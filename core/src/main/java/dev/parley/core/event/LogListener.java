package dev.parley.core.event;

import java.util.List;

/**
 * Told by the message log's writer about the events it made durable: called after each commit, on the
 * writer's thread, with the committed events of each conversation in seq order, before the appends that made
 * them are answered. The only publisher of log events is this listener.
 */
@FunctionalInterface
public interface LogListener {
    LogListener NONE = events -> { };

    void committed(List<LogEvent> events);
}
