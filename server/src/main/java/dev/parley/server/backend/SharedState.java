package dev.parley.server.backend;

import dev.parley.core.presence.LocalPresenceStore;
import dev.parley.core.presence.PresenceStore;
import dev.parley.core.ratelimit.LocalRateLimiter;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.server.config.NodeConfig;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/** The presence and rate-limit state family ({@code state.type}): local (this process only). */
public record SharedState(PresenceStore presence, RateLimiter limiter, BooleanSupplier ready) implements Family {

    public static SharedState open(NodeConfig config, Clock clock) {
        return switch (config.stateType()) {
            case "local" -> new SharedState(new LocalPresenceStore(), new LocalRateLimiter(clock), () -> true);
            default -> throw Family.unknown("state", config.stateType(), "local");
        };
    }

    @Override
    public void close() {
    }
}
