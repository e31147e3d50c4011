package dev.parley.core.presence;

import java.util.function.UnaryOperator;

/** Presence per user (in process by default; Redis in a cluster). Updates are atomic per user. */
public interface PresenceStore {
    PresenceState get(long userId);

    /** Applies {@code change} atomically and returns the state before and after. */
    Transition update(long userId, UnaryOperator<PresenceState> change);

    record Transition(PresenceState before, PresenceState after) {
    }
}
