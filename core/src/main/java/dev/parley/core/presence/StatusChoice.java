package dev.parley.core.presence;

import dev.parley.core.error.ParleyException;
import java.util.Locale;

/** The status a user picked: {@code auto} follows their connections, {@code invisible} shows offline to others. */
public enum StatusChoice {
    AUTO, ONLINE, IDLE, DND, INVISIBLE;

    public static StatusChoice parse(String value) {
        if (value != null) {
            for (StatusChoice c : values()) {
                if (c.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return c;
                }
            }
        }
        throw ParleyException.invalid("status must be one of auto, online, idle, dnd, invisible");
    }

    /** What others see for a user who is connected (or within the reconnect grace). */
    Status whenConnected() {
        return switch (this) {
            case AUTO, ONLINE -> Status.ONLINE;
            case IDLE -> Status.IDLE;
            case DND -> Status.DND;
            case INVISIBLE -> Status.OFFLINE;
        };
    }
}
