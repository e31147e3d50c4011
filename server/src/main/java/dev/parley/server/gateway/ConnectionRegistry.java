package dev.parley.server.gateway;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** This node's identified connections, indexed by user, by conversation and by whose presence they watch. */
final class ConnectionRegistry {
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<Connection>> byConversation = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<Connection>> watchers = new ConcurrentHashMap<>();

    void add(Connection c) {
        all.add(c);
    }

    void identified(Connection c, long userId) {
        addTo(byUser, userId, c);
    }

    void subscribe(Connection c, long conversationId) {
        c.conversations.add(conversationId);
        addTo(byConversation, conversationId, c);
    }

    void unsubscribe(Connection c, long conversationId) {
        c.conversations.remove(conversationId);
        removeFrom(byConversation, conversationId, c);
    }

    void watch(Connection c, long userId) {
        c.watchedUsers.add(userId);
        addTo(watchers, userId, c);
    }

    void remove(Connection c) {
        all.remove(c);
        if (c.principal() != null) {
            removeFrom(byUser, c.principal().userId(), c);
        }
        for (Long id : c.conversations) {
            removeFrom(byConversation, id, c);
        }
        for (Long id : c.watchedUsers) {
            removeFrom(watchers, id, c);
        }
    }

    Collection<Connection> all() {
        return all;
    }

    int size() {
        return all.size();
    }

    Set<Connection> ofUser(long userId) {
        return byUser.getOrDefault(userId, Set.of());
    }

    Set<Connection> inConversation(long conversationId) {
        return byConversation.getOrDefault(conversationId, Set.of());
    }

    Set<Connection> watching(long userId) {
        return watchers.getOrDefault(userId, Set.of());
    }

    /** Adds inside the map's per-key lock, so an add never lands in a set that a concurrent remove just dropped. */
    private static void addTo(ConcurrentHashMap<Long, Set<Connection>> index, long key, Connection c) {
        index.compute(key, (k, set) -> {
            Set<Connection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(c);
            return s;
        });
    }

    private static void removeFrom(ConcurrentHashMap<Long, Set<Connection>> index, long key, Connection c) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(c);
            return set.isEmpty() ? null : set;
        });
    }
}
