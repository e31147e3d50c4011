package dev.parley.core.account;

/**
 * A user with what only the node and admins see: whether they are an admin (by the stored flag; the
 * {@code admin.usernames} setting is applied by {@link AdminService}), deactivated, deleted, and the owner of a bot.
 */
public record Account(User user, boolean admin, boolean deactivated, boolean deleted, Long botOwnerId) {
    public long id() {
        return user.id();
    }

    /** Can sign in and act: neither deactivated nor deleted. */
    public boolean active() {
        return !deactivated && !deleted;
    }
}
