package dev.parley.state.redis;

import dev.parley.core.cluster.NodeDirectory;
import dev.parley.core.cluster.NodeInfo;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The chat nodes of a deployment, in one Redis hash ({@code PREFIX:nodes}): a field per node id holding
 * {@code until,owner} (a bare claim) or {@code until,owner,connections,seenAt,url} (a node that sent a heartbeat),
 * times in epoch milliseconds as the callers give them. An entry whose {@code until} has come is free and not live, whether or not
 * it is still there; the hash never holds more than 1024 fields.
 *
 * <p>Across nodes: {@link #claim} is one Lua script, so two nodes claiming at once never get the same id; a
 * heartbeat is one script that renews the id only for the owner holding it (or if it is free), and every node's next
 * {@link #live} sees it.
 *
 * <p>On a lost connection (or a Redis that does not answer within the command timeout) every call fails at once
 * with a {@code ParleyException} of code {@code unavailable}. A Redis that restarted empty knows no node until their
 * next heartbeats.
 *
 * <p>Threading: any thread; each call is one round trip to Redis on the caller's thread.
 */
public final class RedisNodeDirectory implements NodeDirectory {
    private static final LuaScript CLAIM = LuaScript.load("node-claim");
    private static final LuaScript HEARTBEAT = LuaScript.load("node-heartbeat");
    private static final LuaScript RELEASE = LuaScript.load("node-release");

    private final RedisConnections redis;
    private final String key;

    public RedisNodeDirectory(RedisConnections redis, String prefix) {
        this.redis = redis;
        this.key = prefix + ":nodes";
    }

    @Override
    public int claim(Integer wanted, String owner, Duration ttl, Instant now) {
        Long id = CLAIM.run(redis, ScriptOutputType.INTEGER, new String[] {key}, wanted == null ? "" : wanted.toString(),
                Long.toString(now.toEpochMilli()), Long.toString(now.plus(ttl).toEpochMilli()), owner);
        if (id < 0) {
            throw new IllegalStateException(wanted == null ? "every node id 0..1023 is held by a live node"
                    : "node id " + wanted + " is held by a live node");
        }
        return id.intValue();
    }

    @Override
    public boolean heartbeat(NodeInfo self, String owner, Duration ttl, Instant now) {
        String entry = now.plus(ttl).toEpochMilli() + "," + owner + (self.url() == null ? "" : "," + self.connections() + ","
                + (self.seenAt() == null ? "" : Long.toString(self.seenAt().toEpochMilli())) + "," + self.url());
        Long renewed = HEARTBEAT.run(redis, ScriptOutputType.INTEGER, new String[] {key}, Integer.toString(self.nodeId()),
                Long.toString(now.toEpochMilli()), owner, entry);
        return renewed == 1;
    }

    @Override
    public List<NodeInfo> live(Instant now) {
        Map<String, String> entries = RedisConnections.call(() -> redis.sync().hgetall(key));
        List<NodeInfo> live = new ArrayList<>();
        entries.forEach((id, entry) -> {
            String[] parts = entry.split(",", 5);
            if (parts.length == 5 && Long.parseLong(parts[0]) > now.toEpochMilli()) {
                Instant seenAt = parts[3].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[3]));
                live.add(new NodeInfo(Integer.parseInt(id), parts[4], Integer.parseInt(parts[2]), seenAt));
            }
        });
        live.sort(Comparator.comparingInt(NodeInfo::connections).thenComparingInt(NodeInfo::nodeId));
        return live;
    }

    @Override
    public void release(int nodeId, String owner) {
        RELEASE.run(redis, ScriptOutputType.INTEGER, new String[] {key}, Integer.toString(nodeId), owner);
    }
}
