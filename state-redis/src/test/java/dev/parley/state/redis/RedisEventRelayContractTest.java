package dev.parley.state.redis;

import dev.parley.core.event.EventRelay;
import dev.parley.engines.RedisExtension;
import dev.parley.testkit.EventRelayContract;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisEventRelayContractTest extends EventRelayContract {
    @RegisterExtension
    @Order(1)
    static final RedisExtension REDIS = RedisExtension.shared();
    @RegisterExtension
    @Order(2)
    static final TestNodes NODES = new TestNodes(REDIS);

    private final String prefix = TestNodes.freshPrefix();

    @Override
    protected EventRelay newRelay() {
        return new RedisEventRelay(NODES.here(), prefix);
    }

    @Override
    protected EventRelay newPeer() {
        return new RedisEventRelay(NODES.there(), prefix);
    }
}
