package dev.parley.state.redis;

import dev.parley.core.event.EventRelay;
import dev.parley.engines.RedisExtension;
import dev.parley.testkit.EventRelayContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisEventRelayContractTest extends EventRelayContract {
    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.shared();
    private static RedisConnections here;
    private static RedisConnections there;

    private final String prefix = TestNodes.freshPrefix();

    @BeforeAll
    static void connect() {
        here = TestNodes.open(REDIS);
        there = TestNodes.open(REDIS);
    }

    @AfterAll
    static void disconnect() {
        here.close();
        there.close();
    }

    @Override
    protected EventRelay newRelay() {
        return new RedisEventRelay(here, prefix);
    }

    @Override
    protected EventRelay newPeer() {
        return new RedisEventRelay(there, prefix);
    }
}
