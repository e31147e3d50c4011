package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.cluster.NodeDirectory;
import dev.parley.core.cluster.NodeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NodeDirectory} must do. Subclass once per adapter: {@link #newDirectory()} gives an empty
 * directory of its own (node ids are few, so a shared backend needs a fresh namespace per test), and a directory
 * shared by processes also overrides {@link #newPeer()} with another node's view of the same one. Times are passed
 * in: no test waits.
 */
public abstract class NodeDirectoryContract {
    private static final Duration TTL = Duration.ofSeconds(30);

    private final Instant t0 = UniqueIds.nowMillis();
    private NodeDirectory directory;
    private NodeDirectory peer;

    /** An empty directory for one test; the contract closes it afterwards. */
    protected abstract NodeDirectory newDirectory();

    /** Another node's view of {@link #newDirectory()}'s directory; in a single process, the same directory. */
    protected NodeDirectory newPeer() {
        return directory;
    }

    @BeforeEach
    void open() {
        directory = newDirectory();
        peer = newPeer();
    }

    @AfterEach
    void close() {
        directory.close();
        if (peer != directory) {
            peer.close();
        }
    }

    private NodeInfo node(int id, int connections) {
        return new NodeInfo(id, "http://10.0.0." + id + ":8080", connections, t0);
    }

    @Test
    void claimsAreExclusiveEvenWhenTwoDirectoriesClaimAtOnce() throws Exception {
        int takers = 4;
        int claimsEach = 25;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(takers);
        List<Integer> claimed = new ArrayList<>();
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < takers; t++) {
                NodeDirectory from = t % 2 == 0 ? directory : peer;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Integer> mine = new ArrayList<>();
                    for (int i = 0; i < claimsEach; i++) {
                        mine.add(from.claim(null, "taker-" + UniqueIds.next(), TTL, t0));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<Integer>> f : results) {
                claimed.addAll(f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(claimed).hasSize(takers * claimsEach).doesNotHaveDuplicates().allMatch(id -> id >= 0 && id < 1024);
    }

    @Test
    void aWantedIdIsTakenWhenFreeAndRefusedWhileHeld() {
        assertThat(directory.claim(7, "a", TTL, t0)).isEqualTo(7);

        assertThatThrownBy(() -> peer.claim(7, "b", TTL, t0.plusSeconds(29))).isInstanceOf(IllegalStateException.class);
        assertThat(peer.claim(null, "b", TTL, t0.plusSeconds(29))).as("any free id is another one").isNotEqualTo(7);
        assertThat(peer.claim(7, "b", TTL, t0.plus(TTL))).as("a claim runs out at its end").isEqualTo(7);
    }

    @Test
    void whenEveryIdIsHeldAClaimFails() {
        for (int i = 0; i < 1024; i++) {
            directory.claim(null, "a", TTL, t0);
        }

        assertThatThrownBy(() -> peer.claim(null, "b", TTL, t0)).isInstanceOf(IllegalStateException.class);
        assertThat(peer.claim(null, "b", TTL, t0.plus(TTL))).isBetween(0, 1023);
    }

    @Test
    void heartbeatsMakeANodeLiveUntilItsTtlRunsOut() {
        int id = directory.claim(null, "a", TTL, t0);
        assertThat(peer.live(t0)).as("a bare claim is not a live node").isEmpty();

        directory.heartbeat(node(id, 12), "a", TTL, t0.plusSeconds(10));

        assertThat(peer.live(t0.plusSeconds(39))).containsExactly(node(id, 12));
        assertThat(peer.live(t0.plusSeconds(40))).isEmpty();
    }

    @Test
    void aHeartbeatRenewsTheClaim() {
        int id = directory.claim(null, "a", TTL, t0);
        directory.heartbeat(node(id, 0), "a", TTL, t0.plusSeconds(20));

        assertThatThrownBy(() -> peer.claim(id, "b", TTL, t0.plusSeconds(45))).isInstanceOf(IllegalStateException.class);
        assertThat(peer.claim(id, "b", TTL, t0.plusSeconds(50))).isEqualTo(id);
    }

    @Test
    void aHeartbeatWithoutAnAddressRenewsTheClaimOfAStartingNodeWithoutListingIt() {
        int id = directory.claim(null, "a", TTL, t0);
        assertThat(directory.heartbeat(new NodeInfo(id, null, 0, t0.plusSeconds(20)), "a", TTL, t0.plusSeconds(20))).isTrue();

        assertThat(peer.live(t0.plusSeconds(45))).as("still starting").isEmpty();
        assertThatThrownBy(() -> peer.claim(id, "b", TTL, t0.plusSeconds(45))).isInstanceOf(IllegalStateException.class);
        directory.heartbeat(node(id, 0), "a", TTL, t0.plusSeconds(46));
        assertThat(peer.live(t0.plusSeconds(47))).containsExactly(node(id, 0));
    }

    @Test
    void liveNodesComeLeastLoadedFirst() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(directory.claim(null, "a", TTL, t0));
        }
        directory.heartbeat(node(ids.get(0), 50), "a", TTL, t0);
        peer.heartbeat(node(ids.get(1), 3), "a", TTL, t0);
        directory.heartbeat(node(ids.get(2), 20), "a", TTL, t0);
        peer.heartbeat(node(ids.get(3), 3), "a", TTL, t0);
        directory.heartbeat(node(ids.get(0), 1), "a", TTL, t0.plusSeconds(1));

        assertThat(peer.live(t0.plusSeconds(2))).extracting(NodeInfo::nodeId)
                .containsExactly(ids.get(0), Math.min(ids.get(1), ids.get(3)), Math.max(ids.get(1), ids.get(3)), ids.get(2));
    }

    @Test
    void aLapsedClaimTakenByAnotherNodeIsNotRenewedByItsFormerOwner() {
        int id = directory.claim(null, "a", TTL, t0);
        assertThat(directory.heartbeat(node(id, 1), "a", TTL, t0.plusSeconds(10))).isTrue();
        assertThat(peer.claim(id, "b", TTL, t0.plusSeconds(41))).as("a's heartbeat lapsed").isEqualTo(id);

        assertThat(directory.heartbeat(node(id, 1), "a", TTL, t0.plusSeconds(42))).as("a woke up late").isFalse();
        directory.release(id, "a");

        assertThat(peer.heartbeat(node(id, 9), "b", TTL, t0.plusSeconds(43))).isTrue();
        assertThat(directory.live(t0.plusSeconds(44))).containsExactly(node(id, 9));
        assertThatThrownBy(() -> directory.claim(id, "c", TTL, t0.plusSeconds(44))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void releasingFreesTheIdAndLeavesTheDirectory() {
        int id = directory.claim(null, "a", TTL, t0);
        directory.heartbeat(node(id, 5), "a", TTL, t0);

        directory.release(id, "a");

        assertThat(peer.live(t0)).isEmpty();
        assertThat(peer.claim(id, "b", TTL, t0)).isEqualTo(id);
    }
}
