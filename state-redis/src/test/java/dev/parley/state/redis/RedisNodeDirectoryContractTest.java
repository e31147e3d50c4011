package dev.parley.state.redis;

import dev.parley.core.cluster.NodeDirectory;
import dev.parley.engines.RedisExtension;
import dev.parley.testkit.NodeDirectoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisNodeDirectoryContractTest extends NodeDirectoryContract {
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
    protected NodeDirectory newDirectory() {
        return new RedisNodeDirectory(here, prefix);
    }

    @Override
    protected NodeDirectory newPeer() {
        return new RedisNodeDirectory(there, prefix);
    }
}
