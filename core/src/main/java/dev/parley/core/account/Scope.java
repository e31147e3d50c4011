package dev.parley.core.account;

import dev.parley.core.error.ParleyException;
import java.util.Set;

/**
 * What a token may do. A person's session may do whatever the user may ({@link #PERSON}). A bot's API token reads,
 * or reads and sends, in every conversation of the bot or only in {@code conversationIds}: outside them it is
 * answered not_found, as a non-member is; a read token's changes are forbidden.
 */
public record Scope(Access access, Set<Long> conversationIds) {
    public enum Access { PERSON, READ, READ_SEND }

    public static final Scope PERSON = new Scope(Access.PERSON, Set.of());
    public static final int MAX_CONVERSATIONS = 100;

    public Scope {
        conversationIds = Set.copyOf(conversationIds);
    }

    public boolean isBotToken() {
        return access != Access.PERSON;
    }

    /** True if this token may see the conversation (it does not say the user is a member). */
    public boolean covers(long conversationId) {
        return conversationIds.isEmpty() || conversationIds.contains(conversationId);
    }

    /** Reading the conversation: not_found outside the token's conversations. */
    public void requireRead(long conversationId) {
        if (!covers(conversationId)) {
            throw ParleyException.notFoundConversation();
        }
    }

    /** Changing the conversation (posting, editing, joining, moderating): also forbidden for a read token. */
    public void requireSend(long conversationId) {
        requireRead(conversationId);
        if (access == Access.READ) {
            throw ParleyException.forbidden("this token may only read");
        }
    }

    /** Making new conversations: only tokens that may send everywhere. */
    public void requireUnrestricted() {
        if (access == Access.READ) {
            throw ParleyException.forbidden("this token may only read");
        }
        if (!conversationIds.isEmpty()) {
            throw ParleyException.forbidden("this token is limited to some conversations");
        }
    }
}
