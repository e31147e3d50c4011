package dev.parley.server.backend;

import dev.parley.core.cluster.LocalNodeDirectory;
import dev.parley.core.cluster.NodeDirectory;
import dev.parley.core.presence.LocalPresenceStore;
import dev.parley.core.presence.PresenceStore;
import dev.parley.core.ratelimit.LocalRateLimiter;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.server.config.NodeConfig;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/** The presence, rate-limit and node-directory state family ({@code state.type}): local (this process only). */
public record SharedState(PresenceStore presence, RateLimiter limiter, NodeDirectory directory, BooleanSupplier ready)
        implements Family {

    public static SharedState open(NodeConfig config, Clock clock) {
        return switch (config.stateType()) {
            case "local" -> new SharedState(new LocalPresenceStore(), new LocalRateLimiter(clock), new LocalNodeDirectory(),
                    () -> true);
            default -> throw Family.unknown("state", config.stateType(), "local");
        };
    }

    @Override
    public void close() {
    }
}
