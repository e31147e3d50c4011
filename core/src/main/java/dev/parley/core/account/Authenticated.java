package dev.parley.core.account;

/** The answer to a sign-up or login: the user, the new session's bearer token and its id. */
public record Authenticated(User user, String token, long sessionId) {
}
