package dev.parley.state.redis;

import dev.parley.core.presence.PresenceStore;
import dev.parley.engines.RedisExtension;
import dev.parley.testkit.PresenceStoreContract;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisPresenceStoreContractTest extends PresenceStoreContract {
    @RegisterExtension
    @Order(1)
    static final RedisExtension REDIS = RedisExtension.shared();
    @RegisterExtension
    @Order(2)
    static final TestNodes NODES = new TestNodes(REDIS);

    private final String prefix = TestNodes.freshPrefix();

    @Override
    protected PresenceStore newStore() {
        return new RedisPresenceStore(NODES.here(), prefix);
    }

    @Override
    protected PresenceStore newPeer() {
        return new RedisPresenceStore(NODES.there(), prefix);
    }
}
