package dev.parley.core.fakes;

import dev.parley.core.account.TicketStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Tickets in a map. */
public final class InMemoryTicketStore implements TicketStore {
    private record Ticket(String payload, Instant expiresAt) {
    }

    private final Map<String, Ticket> tickets = new HashMap<>();

    @Override
    public synchronized void put(String kind, String key, String payload, Instant expiresAt) {
        tickets.put(kind + " " + key, new Ticket(payload, expiresAt));
    }

    @Override
    public synchronized Optional<String> take(String kind, String key, Instant now) {
        Ticket t = tickets.remove(kind + " " + key);
        return t == null || !now.isBefore(t.expiresAt()) ? Optional.empty() : Optional.of(t.payload());
    }
}
