package dev.parley.core.presence;

import java.util.Locale;

/** A status as others see it. */
public enum Status {
    ONLINE, IDLE, DND, OFFLINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
