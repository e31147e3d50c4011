package dev.parley.state.redis;

import dev.parley.core.presence.Lease;
import dev.parley.core.presence.PresenceRecord;
import dev.parley.core.presence.PresenceStore;
import dev.parley.core.presence.Status;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Presence in Redis, shared by every node. Each user is one hash ({@code PREFIX:presence:user:ID}: a field
 * {@code c:CONNECTION} per lease holding its expiry, {@code ended}, {@code announced}); the schedule is one sorted set
 * ({@code PREFIX:presence:due}, user ids scored by when to look at them again). Times are the callers', in epoch
 * milliseconds; Redis's clock decides nothing, so a lease runs out at its own expiry whichever node reads it, and
 * the node that made it is never needed.
 *
 * <p>Across nodes: every call that changes a user is one Lua script, hence atomic per user; {@link #takeDue} pops
 * in one script, so each due user goes to exactly one caller. A user's hash expires 30 days after it last changed
 * (a user by then long offline reads as never seen).
 *
 * <p>On a lost connection (or a Redis that does not answer within the command timeout) every call fails at once
 * with a {@code ParleyException} of code {@code unavailable}. A Redis that restarted empty has forgotten every
 * lease until nodes renew them (within a third of the lease), and what was announced.
 *
 * <p>Threading: any thread; each call is one round trip to Redis on the caller's thread (a batch of many users,
 * one per 500 users).
 */
public final class RedisPresenceStore implements PresenceStore {
    private static final LuaScript RENEW = LuaScript.load("presence-renew");
    private static final LuaScript END = LuaScript.load("presence-end");
    private static final LuaScript READ = LuaScript.load("presence-read");
    private static final LuaScript ANNOUNCE = LuaScript.load("presence-announce");
    private static final LuaScript TAKE_DUE = LuaScript.load("presence-take-due");
    private static final int BATCH = 500;
    private static final String RETENTION_MS = Long.toString(Duration.ofDays(30).toMillis());

    private final RedisConnections redis;
    private final String userPrefix;
    private final String dueKey;

    public RedisPresenceStore(RedisConnections redis, String prefix) {
        this.redis = redis;
        this.userPrefix = prefix + ":presence:user:";
        this.dueKey = prefix + ":presence:due";
    }

    private String key(long userId) {
        return userPrefix + userId;
    }

    @Override
    public void renew(Collection<Lease> leases, Instant expiresAt) {
        List<Lease> all = List.copyOf(leases);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Lease> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            String[] keys = batch.stream().map(l -> key(l.userId())).toArray(String[]::new);
            List<String> args = new ArrayList<>(batch.size() + 2);
            args.add(Long.toString(expiresAt.toEpochMilli()));
            args.add(RETENTION_MS);
            batch.forEach(l -> args.add(l.connectionId()));
            RENEW.run(redis, ScriptOutputType.INTEGER, keys, args.toArray(String[]::new));
        }
    }

    @Override
    public void end(Lease lease, Instant at) {
        END.run(redis, ScriptOutputType.INTEGER, new String[] {key(lease.userId())}, lease.connectionId(),
                Long.toString(at.toEpochMilli()), RETENTION_MS);
    }

    @Override
    public Map<Long, PresenceRecord> read(Collection<Long> userIds, Instant now) {
        List<Long> ids = List.copyOf(new LinkedHashSet<>(userIds));
        Map<Long, PresenceRecord> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            List<String> values = READ.run(redis, ScriptOutputType.MULTI, batch.stream().map(this::key).toArray(String[]::new),
                    Long.toString(now.toEpochMilli()));
            for (int i = 0; i < batch.size(); i++) {
                out.put(batch.get(i), new PresenceRecord(Integer.parseInt(values.get(3 * i)), instant(values.get(3 * i + 1)),
                        instant(values.get(3 * i + 2))));
            }
        }
        return out;
    }

    private static Instant instant(String epochMillis) {
        return epochMillis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(epochMillis));
    }

    @Override
    public Status announce(long userId, Status status) {
        String before = ANNOUNCE.run(redis, ScriptOutputType.VALUE, new String[] {key(userId)}, status.name(), RETENTION_MS);
        return before == null ? Status.OFFLINE : Status.valueOf(before);
    }

    @Override
    public void schedule(long userId, Instant at) {
        RedisConnections.call(() -> redis.sync().zadd(dueKey, (double) at.toEpochMilli(), Long.toString(userId)));
    }

    @Override
    public List<Long> takeDue(Instant now, int max) {
        List<String> due = TAKE_DUE.run(redis, ScriptOutputType.MULTI, new String[] {dueKey},
                Long.toString(now.toEpochMilli()), Integer.toString(max));
        return due.stream().map(Long::parseLong).toList();
    }
}
