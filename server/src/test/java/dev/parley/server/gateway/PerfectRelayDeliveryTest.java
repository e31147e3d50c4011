package dev.parley.server.gateway;

import dev.parley.server.support.TestNode;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scenario over the node's own relay, which loses nothing. */
class PerfectRelayDeliveryTest extends ExactlyTheLogScenario {
    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("rate.limit.send.burst", "100000").with("rate.limit.send.per.second", "100000");

    @Override
    protected TestNode node() {
        return NODE;
    }
}
