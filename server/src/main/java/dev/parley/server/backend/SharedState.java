package dev.parley.server.backend;

import dev.parley.core.cluster.LocalNodeDirectory;
import dev.parley.core.cluster.NodeDirectory;
import dev.parley.core.presence.LocalPresenceStore;
import dev.parley.core.presence.PresenceStore;
import dev.parley.core.ratelimit.LocalRateLimiter;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.server.config.NodeConfig;
import dev.parley.state.redis.RedisNodeDirectory;
import dev.parley.state.redis.RedisPresenceStore;
import dev.parley.state.redis.RedisRateLimiter;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * The state the nodes share ({@code state.type}): presence, rate limits and the node directory; local (this
 * process only) or redis (shared by every node).
 */
public record SharedState(PresenceStore presence, RateLimiter limiter, NodeDirectory directory, BooleanSupplier ready)
        implements Family {

    public static SharedState open(NodeConfig config, Engines engines, Clock clock) {
        return switch (config.stateType()) {
            case "local" -> new SharedState(new LocalPresenceStore(), new LocalRateLimiter(clock), new LocalNodeDirectory(),
                    () -> true);
            case "redis" -> {
                String prefix = config.redis().prefix();
                yield new SharedState(new RedisPresenceStore(engines.redis(), prefix),
                        new RedisRateLimiter(engines.redis(), prefix, clock), new RedisNodeDirectory(engines.redis(), prefix),
                        engines::ready);
            }
            default -> throw Family.unknown("state", config.stateType(), "local, redis");
        };
    }

    @Override
    public void close() {
        directory.close();
    }
}
