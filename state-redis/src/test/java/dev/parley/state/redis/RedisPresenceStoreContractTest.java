package dev.parley.state.redis;

import dev.parley.core.presence.PresenceStore;
import dev.parley.engines.RedisExtension;
import dev.parley.testkit.PresenceStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisPresenceStoreContractTest extends PresenceStoreContract {
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
    protected PresenceStore newStore() {
        return new RedisPresenceStore(here, prefix);
    }

    @Override
    protected PresenceStore newPeer() {
        return new RedisPresenceStore(there, prefix);
    }
}
