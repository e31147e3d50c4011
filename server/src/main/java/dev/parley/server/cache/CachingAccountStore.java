package dev.parley.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.Page;
import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.ProfileUpdate;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.presence.StatusSetting;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Profiles read through Caffeine. A profile changed on this node invalidates its entry at once; one changed on
 * another node is invalidated when its {@code ProfileChanged} arrives through the relay (and everything when
 * the relay may have lost events), with a time-to-live bounding what a lost invalidation can leave stale. So a
 * new name or avatar shows on old messages too. Sessions are not cached: a revoked token must stop working at
 * once on every node, and its lookup is one indexed read.
 */
public final class CachingAccountStore implements AccountStore {
    private static final java.time.Duration TTL = java.time.Duration.ofMinutes(5);

    private final AccountStore store;
    private final Cache<Long, User> users;
    private final AtomicLong invalidations = new AtomicLong();

    public CachingAccountStore(AccountStore store, long maxUsers) {
        this.store = store;
        this.users = Caffeine.newBuilder().maximumSize(maxUsers).expireAfterWrite(TTL).build();
    }

    @Override
    public boolean createUser(NewUser user) {
        return store.createUser(user);
    }

    @Override
    public Optional<User> findUser(long id) {
        return Optional.ofNullable(users.get(id, key -> store.findUser(key).orElse(null)));
    }

    /**
     * Loads the missing profiles in one read; they are kept only if no profile was invalidated meanwhile, so a
     * read from before a change never outlives the change.
     */
    @Override
    public Map<Long, User> findUsers(Collection<Long> ids) {
        Map<Long, User> out = new HashMap<>(users.getAllPresent(ids));
        List<Long> missing = ids.stream().filter(id -> !out.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            long before = invalidations.get();
            Map<Long, User> loaded = store.findUsers(missing);
            synchronized (invalidations) {
                if (invalidations.get() == before) {
                    users.putAll(loaded);
                }
            }
            out.putAll(loaded);
        }
        return out;
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return store.findByUsername(username);
    }

    @Override
    public List<User> searchByPrefix(String prefix, int limit) {
        return store.searchByPrefix(prefix, limit);
    }

    @Override
    public Optional<String> passwordHash(long userId) {
        return store.passwordHash(userId);
    }

    @Override
    public Optional<User> updateProfile(long userId, ProfileUpdate update) {
        Optional<User> updated = store.updateProfile(userId, update);
        invalidate(userId);
        return updated;
    }

    @Override
    public void createSession(Session session, String tokenHash) {
        store.createSession(session, tokenHash);
    }

    @Override
    public Optional<Session> findSessionByTokenHash(String tokenHash) {
        return store.findSessionByTokenHash(tokenHash);
    }

    @Override
    public List<Session> listSessions(long userId) {
        return store.listSessions(userId);
    }

    @Override
    public boolean deleteSession(long userId, long sessionId) {
        return store.deleteSession(userId, sessionId);
    }

    @Override
    public void touchSession(long sessionId, Instant lastSeenAt) {
        store.touchSession(sessionId, lastSeenAt);
    }

    @Override
    public Map<Long, StatusSetting> statuses(Collection<Long> userIds) {
        return store.statuses(userIds);
    }

    @Override
    public void setStatus(long userId, StatusSetting setting) {
        store.setStatus(userId, setting);
    }

    @Override
    public Optional<Account> findAccount(long userId) {
        return store.findAccount(userId);
    }

    @Override
    public Page<Account> accounts(String query, String cursor, int limit) {
        return store.accounts(query, cursor, limit);
    }

    @Override
    public boolean setAdmin(long userId, boolean admin) {
        return store.setAdmin(userId, admin);
    }

    @Override
    public boolean setDeactivated(long userId, boolean deactivated) {
        return store.setDeactivated(userId, deactivated);
    }

    @Override
    public boolean hasAdmin() {
        return store.hasAdmin();
    }

    @Override
    public boolean hasUsers() {
        return store.hasUsers();
    }

    @Override
    public boolean setPasswordHash(long userId, String passwordHash) {
        return store.setPasswordHash(userId, passwordHash);
    }

    @Override
    public List<Long> deleteSessions(long userId, long keepSessionId) {
        return store.deleteSessions(userId, keepSessionId);
    }

    @Override
    public boolean markDeleted(long userId, String username, String displayName) {
        users.invalidate(userId);
        boolean marked = store.markDeleted(userId, username, displayName);
        users.invalidate(userId);
        return marked;
    }

    @Override
    public List<User> botsOf(long ownerId) {
        return store.botsOf(ownerId);
    }

    @Override
    public Optional<Long> findIdentity(String issuer, String subject) {
        return store.findIdentity(issuer, subject);
    }

    @Override
    public Optional<Long> createLinkedUser(NewUser user, String issuer, String subject) {
        return store.createLinkedUser(user, issuer, subject);
    }

    /** Drops a profile changed anywhere (the relay's {@code ProfileChanged} reaches every node). */
    public void invalidate(long userId) {
        synchronized (invalidations) {
            invalidations.incrementAndGet();
            users.invalidate(userId);
        }
    }

    public void invalidateAll() {
        synchronized (invalidations) {
            invalidations.incrementAndGet();
            users.invalidateAll();
        }
    }
}
