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
    private record Claim(String owner, Instant expiresAt, NodeInfo info) {
    }

    private final Map<Integer, Claim> claims = new HashMap<>();

    @Override
    public synchronized int claim(Integer wanted, String owner, Duration ttl, Instant now) {
        claims.values().removeIf(c -> !c.expiresAt().isAfter(now));
        if (wanted != null) {
            if (claims.containsKey(wanted)) {
                throw new IllegalStateException("node id " + wanted + " is held by a live node");
            }
            claims.put(wanted, new Claim(owner, now.plus(ttl), null));
            return wanted;
        }
        for (int id = 0; id < 1024; id++) {
            if (!claims.containsKey(id)) {
                claims.put(id, new Claim(owner, now.plus(ttl), null));
                return id;
            }
        }
        throw new IllegalStateException("every node id 0..1023 is held by a live node");
    }

    @Override
    public synchronized boolean heartbeat(NodeInfo self, String owner, Duration ttl, Instant now) {
        Claim held = claims.get(self.nodeId());
        if (held != null && held.expiresAt().isAfter(now) && !held.owner().equals(owner)) {
            return false;
        }
        claims.put(self.nodeId(), new Claim(owner, now.plus(ttl), self.url() == null ? null : self));
        return true;
    }

    @Override
    public synchronized List<NodeInfo> live(Instant now) {
        List<NodeInfo> live = new ArrayList<>();
        claims.values().stream().filter(c -> c.expiresAt().isAfter(now) && c.info() != null).forEach(c -> live.add(c.info()));
        live.sort(Comparator.comparingInt(NodeInfo::connections).thenComparingInt(NodeInfo::nodeId));
        return live;
    }

    @Override
    public synchronized void release(int nodeId, String owner) {
        claims.computeIfPresent(nodeId, (id, held) -> held.owner().equals(owner) ? null : held);
    }
}
