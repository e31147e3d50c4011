package dev.parley.core.account;

import dev.parley.core.presence.StatusSetting;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users, their sessions and the status they chose. Usernames are stored lower-case; lookups by username are
 * exact. Across processes: a username is taken once whichever node asks first; a deleted session is refused by
 * every node's next lookup.
 */
public interface AccountStore {
    /** Stores a new user; returns false when the username is taken. */
    boolean createUser(NewUser user);

    Optional<User> findUser(long id);

    Map<Long, User> findUsers(Collection<Long> ids);

    Optional<User> findByUsername(String username);

    /** Users whose username starts with the prefix, in username order. */
    List<User> searchByPrefix(String prefix, int limit);

    Optional<String> passwordHash(long userId);

    /** Applies the update (see {@link ProfileUpdate}) and returns the new profile; empty if no such user. */
    Optional<User> updateProfile(long userId, ProfileUpdate update);

    void createSession(Session session, String tokenHash);

    Optional<Session> findSessionByTokenHash(String tokenHash);

    List<Session> listSessions(long userId);

    /** Removes the user's session; false if the user has no such session. */
    boolean deleteSession(long userId, long sessionId);

    void touchSession(long sessionId, Instant lastSeenAt);

    /** The statuses users chose; users who never chose are left out. */
    Map<Long, StatusSetting> statuses(Collection<Long> userIds);

    void setStatus(long userId, StatusSetting setting);
}
