package dev.parley.core.account;

/** Told about account changes that others hold copies of: sockets, caches, other nodes. */
public interface AccountEvents {
    AccountEvents NONE = new AccountEvents() { };

    default void sessionRevoked(long userId, long sessionId) {
    }

    default void profileChanged(User user) {
    }
}
