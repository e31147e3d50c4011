package dev.parley.core.fakes;

import dev.parley.core.Page;
import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.NewUser;
import dev.parley.core.account.ProfileUpdate;
import dev.parley.core.account.Session;
import dev.parley.core.account.User;
import dev.parley.core.presence.StatusSetting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Users and sessions in maps; enough of {@link AccountStore} for the services' rules. */
public final class InMemoryAccountStore implements AccountStore {
    private final Map<Long, StatusSetting> statuses = new HashMap<>();
    private final Map<Long, Account> accounts = new LinkedHashMap<>();
    private final Map<Long, String> hashes = new HashMap<>();
    private final Map<Long, Session> sessions = new LinkedHashMap<>();
    private final Map<String, Long> sessionByTokenHash = new HashMap<>();
    private final Map<String, Long> identities = new HashMap<>();

    @Override
    public synchronized boolean createUser(NewUser u) {
        if (findByUsername(u.username()).isPresent()) {
            return false;
        }
        accounts.put(u.id(), new Account(new User(u.id(), u.username(), u.displayName(), null, "", u.createdAt(),
                u.botOwnerId() != null), u.admin(), false, false, u.botOwnerId()));
        hashes.put(u.id(), u.passwordHash());
        return true;
    }

    @Override
    public synchronized Optional<User> findUser(long id) {
        return Optional.ofNullable(accounts.get(id)).map(Account::user);
    }

    @Override
    public synchronized Map<Long, User> findUsers(Collection<Long> ids) {
        Map<Long, User> out = new HashMap<>();
        ids.forEach(id -> findUser(id).ifPresent(u -> out.put(id, u)));
        return out;
    }

    @Override
    public synchronized Optional<User> findByUsername(String username) {
        return users().filter(u -> u.username().equals(username)).findFirst();
    }

    @Override
    public synchronized List<User> searchByPrefix(String prefix, int limit) {
        return users().filter(u -> u.username().startsWith(prefix))
                .sorted(Comparator.comparing(User::username)).limit(limit).toList();
    }

    @Override
    public synchronized Optional<String> passwordHash(long userId) {
        return Optional.ofNullable(hashes.get(userId));
    }

    @Override
    public synchronized Optional<User> updateProfile(long userId, ProfileUpdate update) {
        Account a = accounts.get(userId);
        if (a == null) {
            return Optional.empty();
        }
        User u = a.user();
        String avatar = update.avatarUrl() == null ? u.avatarUrl() : update.avatarUrl().isEmpty() ? null : update.avatarUrl();
        User updated = new User(u.id(), u.username(),
                update.displayName() == null ? u.displayName() : update.displayName(), avatar,
                update.statusText() == null ? u.statusText() : update.statusText(), u.createdAt(), u.bot());
        accounts.put(userId, new Account(updated, a.admin(), a.deactivated(), a.deleted(), a.botOwnerId()));
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
                (id, s) -> new Session(s.id(), s.userId(), s.deviceName(), s.createdAt(), lastSeenAt, s.scope()));
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

    @Override
    public synchronized Optional<Account> findAccount(long userId) {
        return Optional.ofNullable(accounts.get(userId));
    }

    @Override
    public synchronized Page<Account> accounts(String query, String cursor, int limit) {
        String q = query.toLowerCase(Locale.ROOT);
        List<Account> all = accounts.values().stream().filter(a -> !a.deleted())
                .filter(a -> a.user().username().contains(q) || a.user().displayName().toLowerCase(Locale.ROOT).contains(q))
                .sorted(Comparator.comparing(a -> a.user().username()))
                .filter(a -> cursor == null || a.user().username().compareTo(cursor) > 0)
                .toList();
        List<Account> page = all.subList(0, Math.min(limit, all.size()));
        return new Page<>(page, all.size() > limit ? page.get(page.size() - 1).user().username() : null);
    }

    @Override
    public synchronized boolean setAdmin(long userId, boolean admin) {
        Account a = accounts.get(userId);
        if (a == null) {
            return false;
        }
        accounts.put(userId, new Account(a.user(), admin, a.deactivated(), a.deleted(), a.botOwnerId()));
        return true;
    }

    @Override
    public synchronized boolean setDeactivated(long userId, boolean deactivated) {
        Account a = accounts.get(userId);
        if (a == null) {
            return false;
        }
        accounts.put(userId, new Account(a.user(), a.admin(), deactivated, a.deleted(), a.botOwnerId()));
        return true;
    }

    @Override
    public synchronized boolean hasAdmin() {
        return accounts.values().stream().anyMatch(a -> a.admin() && a.active());
    }

    @Override
    public synchronized boolean hasUsers() {
        return !accounts.isEmpty();
    }

    @Override
    public synchronized boolean setPasswordHash(long userId, String passwordHash) {
        if (!accounts.containsKey(userId)) {
            return false;
        }
        hashes.put(userId, passwordHash);
        return true;
    }

    @Override
    public synchronized List<Long> deleteSessions(long userId, long keepSessionId) {
        List<Long> removed = new ArrayList<>();
        for (Session s : List.copyOf(sessions.values())) {
            if (s.userId() == userId && s.id() != keepSessionId) {
                deleteSession(userId, s.id());
                removed.add(s.id());
            }
        }
        return removed;
    }

    @Override
    public synchronized boolean markDeleted(long userId, String username, String displayName) {
        Account a = accounts.get(userId);
        if (a == null) {
            return false;
        }
        User u = a.user();
        accounts.put(userId, new Account(new User(u.id(), username, displayName, null, "", u.createdAt(), u.bot()),
                a.admin(), a.deactivated(), true, a.botOwnerId()));
        hashes.put(userId, "");
        return true;
    }

    @Override
    public synchronized List<User> botsOf(long ownerId) {
        return accounts.values().stream().filter(a -> !a.deleted() && a.botOwnerId() != null && a.botOwnerId() == ownerId)
                .map(Account::user).sorted(Comparator.comparing(User::username)).toList();
    }

    @Override
    public synchronized Optional<Long> findIdentity(String issuer, String subject) {
        return Optional.ofNullable(identities.get(issuer + " " + subject));
    }

    @Override
    public synchronized Optional<Long> createLinkedUser(NewUser user, String issuer, String subject) {
        Long linked = identities.get(issuer + " " + subject);
        if (linked != null) {
            return Optional.of(linked);
        }
        if (!createUser(user)) {
            return Optional.empty();
        }
        identities.put(issuer + " " + subject, user.id());
        return Optional.of(user.id());
    }

    private java.util.stream.Stream<User> users() {
        return accounts.values().stream().map(Account::user);
    }
}
