package dev.parley.core.conversation;

/** Public channels are listed and anyone may join; private ones are joined only when the owner adds you. */
public enum Visibility {
    PUBLIC, PRIVATE
}
