package dev.parley.server.backend;

import dev.parley.core.event.EventRelay;
import dev.parley.core.event.LocalEventRelay;
import dev.parley.server.config.NodeConfig;
import java.util.function.BooleanSupplier;

/** The relay family ({@code relay.type}): local (this process only). */
public record Relays(EventRelay relay, BooleanSupplier ready) implements Family {

    public static Relays open(NodeConfig config) {
        return switch (config.relayType()) {
            case "local" -> new Relays(new LocalEventRelay(), () -> true);
            default -> throw Family.unknown("relay", config.relayType(), "local");
        };
    }

    @Override
    public void close() {
        relay.close();
    }
}
