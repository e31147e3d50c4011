package dev.parley.core.event;

/**
 * The log's answer to an append, given once the event is durable. {@code duplicate} is true when a post
 * repeated an earlier nonce: the event is then the original message's, and nothing new was written.
 */
public record Appended(LogEvent event, boolean duplicate) {
}
