package dev.parley.core.presence;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Presence held in this process. */
public final class LocalPresenceStore implements PresenceStore {
    private final ConcurrentHashMap<Long, PresenceState> states = new ConcurrentHashMap<>();

    @Override
    public PresenceState get(long userId) {
        return states.getOrDefault(userId, PresenceState.INITIAL);
    }

    @Override
    public Transition update(long userId, UnaryOperator<PresenceState> change) {
        PresenceState[] before = new PresenceState[1];
        PresenceState after = states.compute(userId, (id, current) -> {
            before[0] = current == null ? PresenceState.INITIAL : current;
            return change.apply(before[0]);
        });
        return new Transition(before[0], after);
    }
}
