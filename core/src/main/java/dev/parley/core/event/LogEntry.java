package dev.parley.core.event;

import dev.parley.core.account.User;
import dev.parley.core.message.Mentions;
import java.time.Instant;

/**
 * Something to append to a conversation's log. The log's writer decides it ({@link LogRules}) against the
 * log's state at the moment it sequences it: who may make the change is checked there, in the same step as
 * the change, so no race between a check and the write can let a stale right through.
 */
public sealed interface LogEntry {
    long conversationId();

    /** Who asks for the change. */
    long actorId();

    Instant at();

    /**
     * {@code mentions}: the users the content names (resolved from usernames at the edge) and the flags as written;
     * the writer keeps the named users who are members at the entry's turn, and the flags if the author may use them.
     */
    record PostMessage(long conversationId, long messageId, long authorId, String content, String nonce,
                       Long replyTo, Instant at, Mentions mentions) implements LogEntry {
        public PostMessage {
            mentions = mentions == null ? Mentions.NONE : mentions;
        }

        public PostMessage(long conversationId, long messageId, long authorId, String content, String nonce,
                           Long replyTo, Instant at) {
            this(conversationId, messageId, authorId, content, nonce, replyTo, at, Mentions.NONE);
        }

        @Override
        public long actorId() {
            return authorId;
        }
    }

    /** {@code mentions} as for a post: an edit resolves them again from the new content. */
    record EditMessage(long conversationId, long messageId, long actorId, String content, Instant at, Mentions mentions)
            implements LogEntry {
        public EditMessage {
            mentions = mentions == null ? Mentions.NONE : mentions;
        }

        public EditMessage(long conversationId, long messageId, long actorId, String content, Instant at) {
            this(conversationId, messageId, actorId, content, at, Mentions.NONE);
        }
    }

    record DeleteMessage(long conversationId, long messageId, long actorId, Instant at) implements LogEntry {
    }

    /** The owner ({@code actorId}) adds {@code member}. */
    record AddMember(long conversationId, User member, long actorId, Instant at) implements LogEntry {
    }

    /** The owner ({@code actorId}) removes {@code member}; an owner removing themselves leaves. */
    record RemoveMember(long conversationId, User member, long actorId, Instant at) implements LogEntry {
    }

    /** {@code member} joins a public channel. */
    record Join(long conversationId, User member, Instant at) implements LogEntry {
        @Override
        public long actorId() {
            return member.id();
        }
    }

    /** {@code member} leaves a channel. */
    record Leave(long conversationId, User member, Instant at) implements LogEntry {
        @Override
        public long actorId() {
            return member.id();
        }
    }

    /**
     * Renames a channel, changes its topic and/or whether members may mention everyone; a null field stays as it
     * is.
     */
    record ChangeConversation(long conversationId, long actorId, String name, String topic, Boolean membersMayMentionAll,
                              Instant at) implements LogEntry {
        public ChangeConversation(long conversationId, long actorId, String name, String topic, Instant at) {
            this(conversationId, actorId, name, topic, null, at);
        }
    }

    /** The owner ({@code actorId}) bans {@code member}: removed if a member, and kept out until unbanned. */
    record Ban(long conversationId, User member, long actorId, Instant at) implements LogEntry {
    }

    /** The owner ({@code actorId}) lifts the ban of {@code userId}. */
    record Unban(long conversationId, long userId, long actorId, Instant at) implements LogEntry {
    }

    record RemoveConversation(long conversationId, long actorId, Instant at) implements LogEntry {
    }
}
