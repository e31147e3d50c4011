package dev.parley.core;

import dev.parley.core.error.ParleyException;

/** The rules for page sizes and seq cursors, shared by every paged call of REST and the gateway. */
public final class Paging {
    private Paging() {
    }

    /** A page size between 1 and {@code max}; {@code fallback} when none was asked for. */
    public static int limit(Long requested, int fallback, int max) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > max) {
            throw ParleyException.invalid("limit must be 1-" + max);
        }
        return requested.intValue();
    }

    /** A seq cursor: absent (null) or a non-negative seq. */
    public static Long seqCursor(Long value, String name) {
        if (value != null && value < 0) {
            throw ParleyException.invalid(name + " must not be negative");
        }
        return value;
    }
}
