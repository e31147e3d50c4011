package dev.parley.testkit;

import dev.parley.core.id.Snowflake;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids and names no other test has used, so contracts also run against long-lived shared backends
 * (a PostgreSQL or Redis that other tests wrote to) without clearing them first.
 */
public final class UniqueIds {
    private static final Snowflake IDS = new Snowflake(Clock.systemUTC(), ThreadLocalRandom.current().nextInt(1024));

    private UniqueIds() {
    }

    public static long next() {
        return IDS.next();
    }

    /** A fresh lower-case name of letters and digits, usable as a username or a search term. */
    public static String name(String prefix) {
        return prefix + Long.toString(next(), 36);
    }

    /** Now, to the millisecond: what every store keeps. */
    public static Instant nowMillis() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
