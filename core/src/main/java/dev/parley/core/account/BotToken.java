package dev.parley.core.account;

import java.time.Instant;

/** A bot's named API token as its owner sees it; {@code token} is the secret, given only when it is made. */
public record BotToken(long id, long botId, String name, Scope scope, Instant createdAt, Instant lastSeenAt, String token) {
}
