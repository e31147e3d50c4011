package dev.parley.server.backend;

import dev.parley.core.event.EventRelay;
import dev.parley.core.event.LocalEventRelay;
import dev.parley.server.config.NodeConfig;
import dev.parley.state.redis.RedisEventRelay;
import java.util.function.BooleanSupplier;

/** The relay family ({@code relay.type}): local (this process only) or redis (pub/sub between the nodes). */
public record Relays(EventRelay relay, BooleanSupplier ready) implements Family {

    public static Relays open(NodeConfig config, Engines engines) {
        return switch (config.relayType()) {
            case "local" -> new Relays(new LocalEventRelay(), () -> true);
            case "redis" -> new Relays(new RedisEventRelay(engines.redis(), config.redis().prefix()), engines::ready);
            default -> throw Family.unknown("relay", config.relayType(), "local, redis");
        };
    }

    @Override
    public void close() {
        relay.close();
    }
}
