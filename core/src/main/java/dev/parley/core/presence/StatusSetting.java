package dev.parley.core.presence;

import java.time.Instant;

/** The status a user chose and when (null: never chose, which is {@code auto}). */
public record StatusSetting(StatusChoice choice, Instant chosenAt) {
    public static final StatusSetting DEFAULT = new StatusSetting(StatusChoice.AUTO, null);
}
