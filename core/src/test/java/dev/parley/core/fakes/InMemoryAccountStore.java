package dev.parley.core.fakes;

import dev.parley.core.account.AccountStore;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.ProfileUpdate;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.presence.StatusSetting;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users and sessions in maps; enough of {@link AccountStore} for the services' rules. */
public final class InMemoryAccountStore implements AccountStore {
    private final Map<Long, StatusSetting> statuses = new HashMap<>();
    private final Map<Long, User> users = new LinkedHashMap<>();
    private final Map<Long, String> hashes = new HashMap<>();
    private final Map<Long, Session> sessions = new LinkedHashMap<>();
    private final Map<String, Long> sessionByTokenHash = new HashMap<>();

    @Override
    public synchronized boolean createUser(NewUser u) {
        if (findByUsername(u.username()).isPresent()) {
            return false;
        }
        users.put(u.id(), new User(u.id(), u.username(), u.displayName(), null, "", u.createdAt()));
        hashes.put(u.id(), u.passwordHash());
        return true;
    }

    @Override
    public synchronized Optional<User> findUser(long id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public synchronized Map<Long, User> findUsers(Collection<Long> ids) {
        Map<Long, User> out = new HashMap<>();
        ids.forEach(id -> findUser(id).ifPresent(u -> out.put(id, u)));
        return out;
    }

    @Override
    public synchronized Optional<User> findByUsername(String username) {
        return users.values().stream().filter(u -> u.username().equals(username)).findFirst();
    }

    @Override
    public synchronized List<User> searchByPrefix(String prefix, int limit) {
        return users.values().stream().filter(u -> u.username().startsWith(prefix))
                .sorted(Comparator.comparing(User::username)).limit(limit).toList();
    }

    @Override
    public synchronized Optional<String> passwordHash(long userId) {
        return Optional.ofNullable(hashes.get(userId));
    }

    @Override
    public synchronized Optional<User> updateProfile(long userId, ProfileUpdate update) {
        User u = users.get(userId);
        if (u == null) {
            return Optional.empty();
        }
        String avatar = update.avatarUrl() == null ? u.avatarUrl() : update.avatarUrl().isEmpty() ? null : update.avatarUrl();
        User updated = new User(u.id(), u.username(),
                update.displayName() == null ? u.displayName() : update.displayName(), avatar,
                update.statusText() == null ? u.statusText() : update.statusText(), u.createdAt());
        users.put(userId, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized void createSession(Session session, String tokenHash) {
        sessions.put(session.id(), session);
        sessionByTokenHash.put(tokenHash, session.id());
    }

    @Override
    public synchronized Optional<Session> findSessionByTokenHash(String tokenHash) {
        Long id = sessionByTokenHash.get(tokenHash);
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.get(id));
    }

    @Override
    public synchronized List<Session> listSessions(long userId) {
        return sessions.values().stream().filter(s -> s.userId() == userId).toList();
    }

    @Override
    public synchronized boolean deleteSession(long userId, long sessionId) {
        Session s = sessions.get(sessionId);
        if (s == null || s.userId() != userId) {
            return false;
        }
        sessions.remove(sessionId);
        sessionByTokenHash.values().remove(sessionId);
        return true;
    }

    @Override
    public synchronized void touchSession(long sessionId, Instant lastSeenAt) {
        sessions.computeIfPresent(sessionId,
                (id, s) -> new Session(s.id(), s.userId(), s.deviceName(), s.createdAt(), lastSeenAt));
    }

    @Override
    public synchronized Map<Long, StatusSetting> statuses(Collection<Long> userIds) {
        Map<Long, StatusSetting> out = new HashMap<>();
        userIds.forEach(id -> {
            StatusSetting s = statuses.get(id);
            if (s != null) {
                out.put(id, s);
            }
        });
        return out;
    }

    @Override
    public synchronized void setStatus(long userId, StatusSetting setting) {
        statuses.put(userId, setting);
    }
}
