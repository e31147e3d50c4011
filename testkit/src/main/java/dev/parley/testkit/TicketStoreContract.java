package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.TicketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TicketStore} must do. Keys are fresh per test, so the store need not be empty. */
public abstract class TicketStoreContract {
    private TicketStore store;
    private final Instant now = UniqueIds.nowMillis();

    protected abstract TicketStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @Test
    void aTicketIsTakenOnce() {
        String key = UniqueIds.name("k");
        store.put("reset", key, "payload 1", now.plusSeconds(60));

        assertThat(store.take("reset", key, now)).contains("payload 1");
        assertThat(store.take("reset", key, now)).isEmpty();
    }

    @Test
    void aTicketIsFoundOnlyUnderItsKindAndKey() {
        String key = UniqueIds.name("k");
        store.put("reset", key, "p", now.plusSeconds(60));

        assertThat(store.take("state", key, now)).isEmpty();
        assertThat(store.take("reset", key + "x", now)).isEmpty();
        assertThat(store.take("reset", key, now)).contains("p");
    }

    @Test
    void anExpiredTicketIsNotGiven() {
        String key = UniqueIds.name("k");
        store.put("state", key, "p", now.plusSeconds(10));

        assertThat(store.take("state", key, now.plusSeconds(10))).isEmpty();
    }

    @Test
    void concurrentTakesGiveATicketOnce() throws Exception {
        String key = UniqueIds.name("k");
        store.put("code", key, "once", now.plusSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                takes.add(pool.submit(() -> store.take("code", key, now).isPresent()));
            }
            int given = 0;
            for (Future<Boolean> f : takes) {
                given += f.get() ? 1 : 0;
            }
            assertThat(given).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
