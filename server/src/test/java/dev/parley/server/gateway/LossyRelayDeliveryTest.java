package dev.parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.support.FaultyRelay;
import dev.parley.server.support.TestNode;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scenario over a relay that drops 10%, repeats 10% and delays (reorders) 10% of what it carries. */
class LossyRelayDeliveryTest extends ExactlyTheLogScenario {
    private static final AtomicReference<FaultyRelay> RELAY = new AtomicReference<>();

    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("rate.limit.send.burst", "100000").with("rate.limit.send.per.second", "100000")
            .withRelay(relay -> {
                FaultyRelay faulty = new FaultyRelay(relay, 20261130L, 0.1, 0.1, 0.1);
                RELAY.set(faulty);
                return faulty;
            });

    @Override
    protected TestNode node() {
        return NODE;
    }

    @AfterAll
    static void theRelayReallyMisbehaved() {
        assertThat(RELAY.get().dropped.get()).isPositive();
        assertThat(RELAY.get().repeated.get()).isPositive();
        assertThat(RELAY.get().delayed.get()).isPositive();
    }
}
