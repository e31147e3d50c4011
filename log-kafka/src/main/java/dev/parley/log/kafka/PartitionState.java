package dev.parley.log.kafka;

import dev.parley.store.cassandra.MessageFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One partition's sequencing state as of {@link #nextOffset}: every conversation of the partition (derived from the
 * records below that offset only), plus two caches of immutable Cassandra facts (messages by id, nonces), both of which
 * may also hold "absent" — true for this owner, which processes every later record itself, and dropped with the state
 * when the partition goes to another owner. Entries made by records of the batch being processed are the newest, and a
 * batch is far smaller than a cache, so they are never evicted before they are written.
 *
 * <p>Owned by the consumer thread. {@link #encode()} is the snapshot format: version, next offset, then each
 * conversation in id order — the same state always gives the same bytes.
 */
final class PartitionState {
    static final int CACHE_ENTRIES = 20_000;
    /**
     * 2: conversations carry their bans; 3: and whether members may mention everyone. Older snapshots still read
     * (without what did not exist then).
     */
    private static final int SNAPSHOT_VERSION = 3;

    /** A nonce's key. */
    record NonceKey(long conversationId, long authorId, String nonce) {
    }

    final Map<Long, ConversationState> conversations = new HashMap<>();
    final Map<Long, Optional<MessageFacts>> messages = lru();
    final Map<NonceKey, Optional<MessageFacts>> nonces = lru();
    long nextOffset;

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > CACHE_ENTRIES;
            }
        };
    }

    byte[] encode() {
        Wire.Out out = new Wire.Out().u8(SNAPSHOT_VERSION).i64(nextOffset).i32(conversations.size());
        List<Long> ids = new ArrayList<>(conversations.keySet());
        ids.sort(null);
        ids.forEach(id -> conversations.get(id).write(out));
        return out.bytes();
    }

    static PartitionState decode(byte[] bytes) {
        Wire.In in = new Wire.In(bytes);
        int version = in.u8();
        if (version < 1 || version > SNAPSHOT_VERSION) {
            throw new IllegalArgumentException("snapshot version " + version + " is not known to this node");
        }
        PartitionState state = new PartitionState();
        state.nextOffset = in.i64();
        int n = in.i32();
        for (int i = 0; i < n; i++) {
            ConversationState c = ConversationState.read(in, version);
            state.conversations.put(c.id, c);
        }
        return state;
    }
}
