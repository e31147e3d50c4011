package dev.parley.core.notification;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.message.Message;
import java.time.Instant;

/**
 * Who a new message notifies, decided once here for the browser's notifications (the client applies the same
 * rules, documented in docs/api.md) and for Web Push:
 * <ul>
 *   <li>never its author, and never a deleted message; edits notify nobody;</li>
 *   <li>nobody while the member's conversation is muted ({@code muted_until} in the future), mentions included;</li>
 *   <li>{@code all}: every message; {@code none}: nothing; {@code mentions}: messages naming the member
 *       ({@code @username}) or {@code @channel}, and {@code @here} only for a member who is online (so never by
 *       push, which goes to users with no connected device);</li>
 *   <li>a member who chose nothing gets {@link #defaultLevel}: {@code mentions} in channels of more than
 *       {@value #ALL_BY_DEFAULT_UP_TO} members, {@code all} in smaller channels and in DMs.</li>
 * </ul>
 */
public final class NotificationRules {
    public static final int ALL_BY_DEFAULT_UP_TO = 25;

    private NotificationRules() {
    }

    public static NotifyLevel defaultLevel(Conversation c) {
        return c.isChannel() && c.memberCount() > ALL_BY_DEFAULT_UP_TO ? NotifyLevel.MENTIONS : NotifyLevel.ALL;
    }

    /** The member's choice, or the conversation's default if they made none ({@code chosen} null). */
    public static NotifyLevel effective(Conversation c, NotifyLevel chosen) {
        return chosen != null ? chosen : defaultLevel(c);
    }

    public static boolean muted(Instant mutedUntil, Instant now) {
        return mutedUntil != null && now.isBefore(mutedUntil);
    }

    /** Whether the new message {@code m} notifies {@code userId}, whose settings in {@code c} are given. */
    public static boolean notifies(Conversation c, NotifyLevel chosen, Instant mutedUntil, Message m, long userId,
                                   boolean online, Instant now) {
        if (m.authorId() == userId || m.deleted() || muted(mutedUntil, now)) {
            return false;
        }
        return switch (effective(c, chosen)) {
            case ALL -> true;
            case NONE -> false;
            case MENTIONS -> m.mentions().userIds().contains(userId) || m.mentions().channel()
                    || (online && m.mentions().here());
        };
    }
}
