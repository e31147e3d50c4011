package dev.parley.core.conversation;

public enum ConversationKind {
    CHANNEL, DM
}
