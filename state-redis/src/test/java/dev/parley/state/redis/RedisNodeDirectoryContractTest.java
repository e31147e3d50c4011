package dev.parley.state.redis;

import dev.parley.core.cluster.NodeDirectory;
import dev.parley.engines.RedisExtension;
import dev.parley.testkit.NodeDirectoryContract;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisNodeDirectoryContractTest extends NodeDirectoryContract {
    @RegisterExtension
    @Order(1)
    static final RedisExtension REDIS = RedisExtension.shared();
    @RegisterExtension
    @Order(2)
    static final TestNodes NODES = new TestNodes(REDIS);

    private final String prefix = TestNodes.freshPrefix();

    @Override
    protected NodeDirectory newDirectory() {
        return new RedisNodeDirectory(NODES.here(), prefix);
    }

    @Override
    protected NodeDirectory newPeer() {
        return new RedisNodeDirectory(NODES.there(), prefix);
    }
}
