package dev.parley.server.gateway;

import dev.parley.core.event.EventRelay;
import dev.parley.core.event.Topic;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's connections, indexed by user and by whose presence they watch. The node subscribes to a user's
 * topic while it holds an identified connection of theirs. Conversations are indexed by
 * {@link ConversationStreams}.
 *
 * <p>Threading: any thread.
 */
final class ConnectionRegistry {
    private final EventRelay relay;
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    /** A user's connections here, and the subscription to their topic. */
    private record UserConnections(Set<Connection> connections, CompletableFuture<Void> live) {
    }

    private final ConcurrentHashMap<Long, UserConnections> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<Connection>> watchers = new ConcurrentHashMap<>();

    ConnectionRegistry(EventRelay relay) {
        this.relay = relay;
    }

    void add(Connection c) {
        all.add(c);
    }

    /** Indexes an identified connection; completes once its user's topic is live on this node. */
    CompletableFuture<Void> identified(Connection c, long userId) {
        return byUser.compute(userId, (k, held) -> {
            UserConnections u = held != null ? held
                    : new UserConnections(ConcurrentHashMap.newKeySet(), relay.subscribe(Topic.user(userId)));
            u.connections().add(c);
            return u;
        }).live();
    }

    void watch(Connection c, long userId) {
        c.watchedUsers.add(userId);
        watchers.compute(userId, (k, set) -> {
            Set<Connection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(c);
            return s;
        });
    }

    void remove(Connection c) {
        all.remove(c);
        if (c.principal() != null) {
            byUser.computeIfPresent(c.principal().userId(), (userId, u) -> {
                u.connections().remove(c);
                if (u.connections().isEmpty()) {
                    relay.unsubscribe(Topic.user(userId));
                    return null;
                }
                return u;
            });
        }
        for (Long id : c.watchedUsers) {
            watchers.computeIfPresent(id, (k, set) -> {
                set.remove(c);
                return set.isEmpty() ? null : set;
            });
        }
    }

    Collection<Connection> all() {
        return all;
    }

    int size() {
        return all.size();
    }

    Set<Connection> ofUser(long userId) {
        UserConnections u = byUser.get(userId);
        return u == null ? Set.of() : u.connections();
    }

    Set<Connection> watching(long userId) {
        return watchers.getOrDefault(userId, Set.of());
    }
}
