package dev.parley.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.Futures;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogPosition;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The read side of the conversation logs on Cassandra (second tier). Messages and events are partitioned by
 * (conversation, bucket of {@value SeqBuckets#SIZE} seqs): a page reads the bucket its first seq falls in and goes on
 * to the next bucket only while the page is not full, so a page of 100 touches one partition, two when it crosses a
 * bucket boundary (plus a bucket with no message in it for each run of 1,000 events without a message). The log's end
 * comes from the small {@code heads} table.
 *
 * <p>{@link #unreadCount} counts at most {@value #UNREAD_CAP} (reading at most that many rows): a count that reaches
 * it means "that many or more", which is what a badge shows anyway, and it bounds what a conversation list costs.
 * {@link #mentionCount} reads the same unread rows (with their mentions), so it is bounded the same way.
 *
 * <p>Across processes: reads see what any partition owner wrote (at LOCAL_QUORUM, every acknowledged write). A head
 * is written only after the events up to it, and an event whose message row is not visible yet ends a read early,
 * so a reader never gets an event without its message. Thread-safe.
 */
public final class CassandraMessageStore implements MessageStore {
    public static final int UNREAD_CAP = 1_000;
    private static final String MESSAGE_COLUMNS =
            "seq, id, author_id, content, created_at, edited_at, deleted, reply_to, nonce, mentions, mention_flags";

    /** Conversations a multi-conversation read reads at the same time. */
    private static final int PARALLEL_READS = 16;
    private final CqlSession session;
    private final PreparedStatement byId;
    private final PreparedStatement before;
    private final PreparedStatement after;
    private final PreparedStatement bySeqRange;
    private final PreparedStatement events;
    private final PreparedStatement head;
    private final PreparedStatement byNonce;
    private final PreparedStatement unreadRows;

    public CassandraMessageStore(CassandraDatabase db) {
        this.session = db.session();
        byId = db.prepare("SELECT conversation_id, " + MESSAGE_COLUMNS + " FROM {k}.messages_by_id WHERE id = ?");
        before = db.prepare("SELECT " + MESSAGE_COLUMNS
                + " FROM {k}.messages WHERE conversation_id = ? AND bucket = ? AND seq < ? ORDER BY seq DESC LIMIT ?");
        after = db.prepare("SELECT " + MESSAGE_COLUMNS
                + " FROM {k}.messages WHERE conversation_id = ? AND bucket = ? AND seq > ? ORDER BY seq ASC LIMIT ?");
        bySeqRange = db.prepare("SELECT " + MESSAGE_COLUMNS
                + " FROM {k}.messages WHERE conversation_id = ? AND bucket = ? AND seq >= ? AND seq <= ?");
        events = db.prepare("SELECT * FROM {k}.events WHERE conversation_id = ? AND bucket = ? AND seq > ? LIMIT ?");
        head = db.prepare("SELECT last_seq, last_event_at, last_message_seq FROM {k}.heads WHERE conversation_id = ?");
        byNonce = db.prepare("SELECT message_id FROM {k}.nonces WHERE conversation_id = ? AND author_id = ? AND nonce = ?");
        unreadRows = db.prepare("SELECT seq, author_id, deleted, mentions, mention_flags FROM {k}.messages "
                + "WHERE conversation_id = ? AND bucket = ? AND seq > ? ORDER BY seq ASC LIMIT ?");
    }

    @Override
    public Optional<Message> find(long conversationId, long messageId) {
        Row r = session.execute(byId.bind(messageId)).one();
        if (r == null || r.isNull("seq") || r.isNull("author_id") || r.getLong("conversation_id") != conversationId) {
            return Optional.empty();
        }
        return Optional.of(message(conversationId, r));
    }

    @Override
    public Optional<Message> findByNonce(long conversationId, long authorId, String nonce) {
        Row r = session.execute(byNonce.bind(conversationId, authorId, nonce)).one();
        return r == null ? Optional.empty() : find(conversationId, r.getLong("message_id"));
    }

    @Override
    public List<Message> before(long conversationId, Long beforeSeq, int limit) {
        long lastSeq = lastSeq(conversationId);
        long below = beforeSeq == null ? lastSeq + 1 : Math.min(beforeSeq, lastSeq + 1);
        List<Message> page = new ArrayList<>();
        for (long bucket = SeqBuckets.of(below - 1); bucket >= 0 && below > 1 && page.size() < limit; bucket--) {
            for (Row r : session.execute(before.bind(conversationId, bucket, below, limit - page.size()))) {
                page.add(message(conversationId, r));
            }
        }
        return page;
    }

    @Override
    public List<Message> after(long conversationId, long afterSeq, int limit) {
        long lastSeq = lastSeq(conversationId);
        List<Message> page = new ArrayList<>();
        for (long bucket = SeqBuckets.of(afterSeq + 1); bucket <= SeqBuckets.of(lastSeq) && page.size() < limit; bucket++) {
            for (Row r : session.execute(after.bind(conversationId, bucket, afterSeq, limit - page.size()))) {
                page.add(message(conversationId, r));
            }
        }
        return page;
    }

    /** Events with their message in its current state; stops before a message event whose message is not visible yet. */
    @Override
    public List<LogEvent> eventsAfter(long conversationId, long afterSeq, int limit) {
        long lastSeq = lastSeq(conversationId);
        List<Row> rows = new ArrayList<>();
        for (long bucket = SeqBuckets.of(afterSeq + 1); bucket <= SeqBuckets.of(lastSeq) && rows.size() < limit; bucket++) {
            for (Row r : session.execute(events.bind(conversationId, bucket, afterSeq, limit - rows.size()))) {
                rows.add(r);
            }
        }
        Map<Long, Message> messages = messagesOf(conversationId, rows);
        List<LogEvent> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            LogEvent event = event(conversationId, r, messages);
            if (event == null) {
                break;
            }
            out.add(event);
        }
        return out;
    }

    /** Each conversation's read on a virtual thread of its own, {@value #PARALLEL_READS} at a time. */
    @Override
    public Map<Long, List<LogEvent>> eventsAfter(Map<Long, Long> cursors, int limit) {
        if (cursors.size() <= 1) {
            return MessageStore.super.eventsAfter(cursors, limit);
        }
        Semaphore slots = new Semaphore(PARALLEL_READS);
        Map<Long, CompletableFuture<List<LogEvent>>> reads = new HashMap<>();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            cursors.forEach((conversationId, afterSeq) -> reads.put(conversationId, CompletableFuture.supplyAsync(() -> {
                slots.acquireUninterruptibly();
                try {
                    return eventsAfter(conversationId, afterSeq, limit);
                } finally {
                    slots.release();
                }
            }, readers)));
        }
        Map<Long, List<LogEvent>> events = new HashMap<>();
        reads.forEach((conversationId, read) -> events.put(conversationId, Futures.await(read)));
        return events;
    }

    @Override
    public LogPosition position(long conversationId) {
        Row r = session.execute(head.bind(conversationId)).one();
        if (r == null || r.isNull("last_seq")) {
            return LogPosition.EMPTY;
        }
        return new LogPosition(r.getLong("last_seq"), CassandraLogRows.instant(r, "last_event_at"));
    }

    @Override
    public Optional<Message> lastMessage(long conversationId) {
        Row r = session.execute(head.bind(conversationId)).one();
        if (r == null || r.isNull("last_message_seq")) {
            return Optional.empty();
        }
        long seq = r.getLong("last_message_seq");
        Row m = session.execute(bySeqRange.bind(conversationId, SeqBuckets.of(seq), seq, seq)).one();
        return m == null ? Optional.empty() : Optional.of(message(conversationId, m));
    }

    @Override
    public long unreadCount(long conversationId, long userId, long afterSeq) {
        return countUnread(conversationId, userId, afterSeq, false);
    }

    @Override
    public long mentionCount(long conversationId, long userId, long afterSeq) {
        return countUnread(conversationId, userId, afterSeq, true);
    }

    /** Unread messages (of others, not deleted), or of those the ones that mention the user; at most the cap. */
    private long countUnread(long conversationId, long userId, long afterSeq, boolean mentioning) {
        long lastSeq = lastSeq(conversationId);
        long count = 0;
        int read = 0;
        for (long bucket = SeqBuckets.of(afterSeq + 1); bucket <= SeqBuckets.of(lastSeq) && read < UNREAD_CAP; bucket++) {
            for (Row r : session.execute(unreadRows.bind(conversationId, bucket, afterSeq, UNREAD_CAP - read))) {
                read++;
                if (r.getLong("author_id") != userId && !r.getBoolean("deleted")
                        && (!mentioning || mentions(r).mentions(userId))) {
                    count++;
                }
            }
        }
        return Math.min(count, UNREAD_CAP);
    }

    private long lastSeq(long conversationId) {
        Row r = session.execute(head.bind(conversationId)).one();
        return r == null || r.isNull("last_seq") ? 0 : r.getLong("last_seq");
    }

    /** The current state of the messages the rows' message events are about: one read per bucket they fall in. */
    private Map<Long, Message> messagesOf(long conversationId, List<Row> rows) {
        Map<Long, long[]> ranges = new HashMap<>();
        for (Row r : rows) {
            byte kind = r.getByte("kind");
            if (kind == EventKind.MESSAGE_POSTED.code || kind == EventKind.MESSAGE_EDITED.code) {
                long seq = r.getLong("message_seq");
                ranges.merge(SeqBuckets.of(seq), new long[] {seq, seq},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        Map<Long, Message> bySeq = new HashMap<>();
        ranges.forEach((bucket, range) -> {
            for (Row m : session.execute(bySeqRange.bind(conversationId, bucket, range[0], range[1]))) {
                if (!m.isNull("id")) {
                    bySeq.put(m.getLong("seq"), message(conversationId, m));
                }
            }
        });
        return bySeq;
    }

    private static LogEvent event(long c, Row r, Map<Long, Message> messages) {
        long seq = r.getLong("seq");
        java.time.Instant at = r.getInstant("at");
        return switch (EventKind.of(r.getByte("kind"))) {
            case MESSAGE_POSTED -> {
                Message m = messages.get(r.getLong("message_seq"));
                yield m == null ? null : new LogEvent.MessagePosted(c, seq, at, m);
            }
            case MESSAGE_EDITED -> {
                Message m = messages.get(r.getLong("message_seq"));
                yield m == null ? null : new LogEvent.MessageEdited(c, seq, at, m);
            }
            case MESSAGE_DELETED -> new LogEvent.MessageDeleted(c, seq, at, r.getLong("message_id"));
            case MEMBER_ADDED -> new LogEvent.MemberAdded(c, seq, at, member(r), channel(c, r));
            case MEMBER_REMOVED -> new LogEvent.MemberRemoved(c, seq, at, member(r), channel(c, r));
            case CONVERSATION_CHANGED -> new LogEvent.ConversationChanged(c, seq, at, channel(c, r));
            case CONVERSATION_REMOVED -> new LogEvent.ConversationRemoved(c, seq, at);
        };
    }

    /** The member's profile as the event logged it. */
    private static User member(Row r) {
        return new User(r.getLong("member_id"), r.getString("member_username"), r.getString("member_display_name"),
                r.getString("member_avatar_url"), r.getString("member_status_text"), CassandraLogRows.instant(r, "member_created_at"),
                r.getBoolean("member_bot"));
    }

    /** The channel as the event left it. */
    private static Conversation channel(long c, Row r) {
        String visibility = r.getString("visibility");
        return new Conversation(c, ConversationKind.valueOf(r.getString("channel_kind").toUpperCase(Locale.ROOT)),
                r.getString("name"), r.getString("topic"),
                visibility == null ? null : Visibility.valueOf(visibility.toUpperCase(Locale.ROOT)),
                r.isNull("owner_id") ? null : r.getLong("owner_id"), r.getInt("member_count"),
                CassandraLogRows.instant(r, "created_at"),
                !r.isNull("members_may_mention_all") && r.getBoolean("members_may_mention_all"));
    }

    private static Message message(long conversationId, Row r) {
        return new Message(r.getLong("id"), conversationId, r.getLong("seq"), r.getLong("author_id"), r.getString("content"),
                r.getInstant("created_at"), CassandraLogRows.instant(r, "edited_at"),
                !r.isNull("deleted") && r.getBoolean("deleted"), r.isNull("reply_to") ? null : r.getLong("reply_to"),
                r.getString("nonce"), mentions(r));
    }

    /** A row's mentions; rows written before mentions were kept mention nobody. */
    private static Mentions mentions(Row r) {
        List<Long> users = r.isNull("mentions") ? List.of() : r.getList("mentions", Long.class);
        int flags = r.isNull("mention_flags") ? 0 : r.getInt("mention_flags");
        return users.isEmpty() && flags == 0 ? Mentions.NONE : new Mentions(users, (flags & 1) != 0, (flags & 2) != 0);
    }
}
