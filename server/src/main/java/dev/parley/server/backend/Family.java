package dev.parley.server.backend;

import java.util.function.BooleanSupplier;

/** What every port family's factory gives besides its ports: whether its engine answers, and how to let it go. */
public interface Family extends AutoCloseable {
    /** For {@code /health/ready}: false while the family's engine is unreachable. */
    BooleanSupplier ready();

    @Override
    void close();

    static IllegalArgumentException unknown(String family, String type, String known) {
        return new IllegalArgumentException(family + ".type must be one of " + known + ", not " + type);
    }
}
