package dev.parley.core.account;

/** The authenticated caller of a request or a gateway connection. */
public record Principal(long userId, long sessionId) {
}
