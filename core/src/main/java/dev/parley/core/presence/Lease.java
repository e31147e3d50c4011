package dev.parley.core.presence;

/** One live connection of a user, named uniquely across nodes. */
public record Lease(long userId, String connectionId) {
}
