package dev.parley.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The directory of a single process: the nodes are those started in it (one, outside tests). */
public final class LocalNodeDirectory implements NodeDirectory {
    private record Claim(Instant expiresAt, NodeInfo info) {
    }

    private final Map<Integer, Claim> claims = new HashMap<>();

    @Override
    public synchronized int claim(Integer wanted, Duration ttl, Instant now) {
        claims.values().removeIf(c -> !c.expiresAt().isAfter(now));
        if (wanted != null) {
            if (claims.containsKey(wanted)) {
                throw new IllegalStateException("node id " + wanted + " is held by a live node");
            }
            claims.put(wanted, new Claim(now.plus(ttl), null));
            return wanted;
        }
        for (int id = 0; id < 1024; id++) {
            if (!claims.containsKey(id)) {
                claims.put(id, new Claim(now.plus(ttl), null));
                return id;
            }
        }
        throw new IllegalStateException("every node id 0..1023 is held by a live node");
    }

    @Override
    public synchronized void heartbeat(NodeInfo self, Duration ttl, Instant now) {
        claims.put(self.nodeId(), new Claim(now.plus(ttl), self));
    }

    @Override
    public synchronized List<NodeInfo> live(Instant now) {
        List<NodeInfo> live = new ArrayList<>();
        claims.values().stream().filter(c -> c.expiresAt().isAfter(now) && c.info() != null).forEach(c -> live.add(c.info()));
        live.sort(Comparator.comparingInt(NodeInfo::connections).thenComparingInt(NodeInfo::nodeId));
        return live;
    }

    @Override
    public synchronized void release(int nodeId) {
        claims.remove(nodeId);
    }
}
