package dev.parley.core.account;

import dev.parley.core.Page;
import dev.parley.core.presence.StatusSetting;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users, their sessions and the status they chose, what admins see of accounts, and the identities that
 * single sign-on links to them. Usernames are stored lower-case; lookups by username are exact. Across processes:
 * a username is taken once whichever node asks first; a deleted session is refused by every node's next lookup;
 * an identity is linked to one account, whichever node links it first.
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

    // ---- accounts as admins see them (1.1)

    /** The user with their admin, deactivated and deleted flags and their bot's owner; empty if no such user. */
    Optional<Account> findAccount(long userId);

    /**
     * Accounts whose username or display name contains {@code query} (case-insensitive; empty: all), deleted ones
     * left out, in username order; the cursor is opaque.
     */
    Page<Account> accounts(String query, String cursor, int limit);

    /** False if there is no such user. */
    boolean setAdmin(long userId, boolean admin);

    /** False if there is no such user. */
    boolean setDeactivated(long userId, boolean deactivated);

    /** True if some active account has the admin flag. */
    boolean hasAdmin();

    /** True if any account exists. */
    boolean hasUsers();

    /** False if there is no such user. */
    boolean setPasswordHash(long userId, String passwordHash);

    /** Removes every session (and bot token) of the user except {@code keepSessionId}; returns the removed ids. */
    List<Long> deleteSessions(long userId, long keepSessionId);

    /**
     * Marks the account deleted and anonymises it: the username and display name become those given, the email,
     * password, avatar and status text go. Its id (and so its messages) stays. False if there is no such user.
     */
    boolean markDeleted(long userId, String username, String displayName);

    /** The bots a user owns, not deleted, in username order. */
    List<User> botsOf(long ownerId);

    // ---- identities from single sign-on (1.1)

    /** The user linked to an identity provider's subject, if any. */
    Optional<Long> findIdentity(String issuer, String subject);

    /**
     * Stores a new user linked to the identity, in one step. Returns the id of the user now linked: the new one, or
     * the one a concurrent call linked first (then nothing is stored). Empty when the username is taken.
     */
    Optional<Long> createLinkedUser(NewUser user, String issuer, String subject);
}
