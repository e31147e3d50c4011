package dev.parley.testkit;

import dev.parley.core.cluster.LocalNodeDirectory;
import dev.parley.core.cluster.NodeDirectory;

class LocalNodeDirectoryContractTest extends NodeDirectoryContract {
    @Override
    protected NodeDirectory newDirectory() {
        return new LocalNodeDirectory();
    }
}
