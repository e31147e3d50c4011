package dev.parley.core.notification;

import dev.parley.core.error.ParleyException;
import java.util.Locale;

/** What of a conversation notifies a member: every message, only messages that mention them, or nothing. */
public enum NotifyLevel {
    ALL, MENTIONS, NONE;

    /** The wire name: {@code all}, {@code mentions} or {@code none}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NotifyLevel parse(String value) {
        return switch (value) {
            case "all" -> ALL;
            case "mentions" -> MENTIONS;
            case "none" -> NONE;
            default -> throw ParleyException.invalid("notify must be \"all\", \"mentions\" or \"none\"");
        };
    }
}
