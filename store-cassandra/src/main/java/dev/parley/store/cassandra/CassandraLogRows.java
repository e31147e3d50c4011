package dev.parley.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.event.LogEvent;
import dev.parley.core.message.Message;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The rows the log's writer (a Kafka partition's owner) writes and the immutable facts it reads back. Every write is
 * idempotent and the same record always writes the same rows, so a stale owner, a successor and a retry after a
 * timeout all leave the same data: rows of a message and of a log head are written with the write timestamp set to
 * the seq of the event that wrote them, so when writes of several events meet, the later event's value wins, in any
 * arrival order. Thread-safe.
 */
public final class CassandraLogRows {
    private static final int MAX_IN_FLIGHT = 128;
    private static final int SNAPSHOT_CHUNK_BYTES = 256 * 1024;

    /** An event to write, the Kafka offset of the record that made it, and the seq of the message it is about (if any). */
    public record EventRow(LogEvent event, long offset, long messageSeq) {
    }

    /** A partition owner's snapshot: its state as of {@code offset} (every record below it applied). */
    public record Snapshot(long offset, byte[] data) {
    }

    private final CqlSession session;
    private final PreparedStatement insertMessage;
    private final PreparedStatement insertMessageById;
    private final PreparedStatement editMessage;
    private final PreparedStatement editMessageById;
    private final PreparedStatement deleteMessage;
    private final PreparedStatement deleteMessageById;
    private final PreparedStatement insertNonce;
    private final PreparedStatement insertEvent;
    private final PreparedStatement head;
    private final PreparedStatement headMessage;
    private final PreparedStatement messageFacts;
    private final PreparedStatement nonceFacts;
    private final PreparedStatement insertOutcome;
    private final PreparedStatement selectOutcome;
    private final PreparedStatement insertChunk;
    private final PreparedStatement insertSnapshot;
    private final PreparedStatement latestSnapshot;
    private final PreparedStatement snapshotChunks;
    private final PreparedStatement pruneChunks;
    private final PreparedStatement pruneSnapshots;

    public CassandraLogRows(CassandraDatabase db) {
        this.session = db.session();
        insertMessage = db.prepare("""
                INSERT INTO {k}.messages (conversation_id, bucket, seq, id, author_id, content, created_at, deleted, reply_to, nonce,
                  mentions, mention_flags)
                VALUES (:conversation_id, :bucket, :seq, :id, :author_id, :content, :created_at, false, :reply_to, :nonce,
                  :mentions, :mention_flags)""");
        insertMessageById = db.prepare("""
                INSERT INTO {k}.messages_by_id (id, conversation_id, seq, author_id, content, created_at, deleted, reply_to, nonce,
                  mentions, mention_flags, created_offset)
                VALUES (:id, :conversation_id, :seq, :author_id, :content, :created_at, false, :reply_to, :nonce,
                  :mentions, :mention_flags, :created_offset)""");
        editMessage = db.prepare("""
                UPDATE {k}.messages SET content = :content, edited_at = :edited_at, mentions = :mentions,
                  mention_flags = :mention_flags
                WHERE conversation_id = :conversation_id AND bucket = :bucket AND seq = :seq""");
        editMessageById = db.prepare("""
                UPDATE {k}.messages_by_id SET content = :content, edited_at = :edited_at, mentions = :mentions,
                  mention_flags = :mention_flags WHERE id = :id""");
        deleteMessage = db.prepare("""
                UPDATE {k}.messages SET content = '', deleted = true
                WHERE conversation_id = :conversation_id AND bucket = :bucket AND seq = :seq""");
        deleteMessageById = db.prepare(
                "UPDATE {k}.messages_by_id SET content = '', deleted = true, deleted_offset = :deleted_offset WHERE id = :id");
        insertNonce = db.prepare("""
                INSERT INTO {k}.nonces (conversation_id, author_id, nonce, message_id, seq, created_at, reply_to, created_offset)
                VALUES (:conversation_id, :author_id, :nonce, :message_id, :seq, :created_at, :reply_to, :created_offset)""");
        insertEvent = db.prepare("""
                INSERT INTO {k}.events (conversation_id, bucket, seq, kind, at, message_id, message_seq, member_id,
                  member_username, member_display_name, member_avatar_url, member_status_text, member_created_at,
                  member_bot, channel_kind, name, topic, visibility, owner_id, member_count, created_at,
                  members_may_mention_all, source_offset)
                VALUES (:conversation_id, :bucket, :seq, :kind, :at, :message_id, :message_seq, :member_id,
                  :member_username, :member_display_name, :member_avatar_url, :member_status_text, :member_created_at,
                  :member_bot, :channel_kind, :name, :topic, :visibility, :owner_id, :member_count, :created_at,
                  :members_may_mention_all, :source_offset)""");
        head = db.prepare("UPDATE {k}.heads SET last_seq = :last_seq, last_event_at = :at WHERE conversation_id = :conversation_id");
        headMessage = db.prepare("UPDATE {k}.heads SET last_message_seq = :seq WHERE conversation_id = :conversation_id");
        messageFacts = db.prepare("""
                SELECT id, conversation_id, seq, author_id, created_at, reply_to, nonce, created_offset, deleted_offset
                FROM {k}.messages_by_id WHERE id = ?""");
        nonceFacts = db.prepare("""
                SELECT message_id, seq, created_at, reply_to, created_offset FROM {k}.nonces
                WHERE conversation_id = ? AND author_id = ? AND nonce = ?""");
        insertOutcome = db.prepare("INSERT INTO {k}.outcomes (entry_id, outcome) VALUES (?, ?)");
        selectOutcome = db.prepare("SELECT outcome FROM {k}.outcomes WHERE entry_id = ?");
        insertChunk = db.prepare("""
                INSERT INTO {k}.snapshot_chunks (topic, kafka_partition, snapshot_offset, chunk, data) VALUES (?, ?, ?, ?, ?)""");
        insertSnapshot = db.prepare("""
                INSERT INTO {k}.snapshot_index (topic, kafka_partition, snapshot_offset, chunks, bytes) VALUES (?, ?, ?, ?, ?)""");
        latestSnapshot = db.prepare("""
                SELECT snapshot_offset, chunks FROM {k}.snapshot_index
                WHERE topic = ? AND kafka_partition = ? AND snapshot_offset <= ? LIMIT 1""");
        snapshotChunks = db.prepare("""
                SELECT chunk, data FROM {k}.snapshot_chunks WHERE topic = ? AND kafka_partition = ? AND snapshot_offset = ?""");
        pruneChunks = db.prepare(
                "DELETE FROM {k}.snapshot_chunks WHERE topic = ? AND kafka_partition = ? AND snapshot_offset < ?");
        pruneSnapshots = db.prepare(
                "DELETE FROM {k}.snapshot_index WHERE topic = ? AND kafka_partition = ? AND snapshot_offset < ?");
    }

    /**
     * Writes the events with the message and nonce rows they make or change, then (once those are stored) each
     * conversation's head, so a reader that sees a head finds every event up to it.
     */
    public CompletableFuture<Void> write(List<EventRow> rows) {
        List<BoundStatement> statements = new ArrayList<>();
        Map<Long, LogEvent> lastEvent = new LinkedHashMap<>();
        Map<Long, Long> lastMessage = new LinkedHashMap<>();
        for (EventRow row : rows) {
            LogEvent event = row.event();
            statements.addAll(messageRows(row));
            statements.add(eventRow(row));
            lastEvent.put(event.conversationId(), event);
            if (event instanceof LogEvent.MessagePosted) {
                lastMessage.put(event.conversationId(), event.seq());
            }
        }
        List<BoundStatement> heads = new ArrayList<>();
        lastEvent.values().forEach(e -> heads.add(at(head.boundStatementBuilder()
                .setLong("last_seq", e.seq()).setInstant("at", e.at()).setLong("conversation_id", e.conversationId()), e.seq())));
        lastMessage.forEach((c, seq) -> heads.add(at(headMessage.boundStatementBuilder()
                .setLong("seq", seq).setLong("conversation_id", c), seq)));
        return Requests.all(session, statements, MAX_IN_FLIGHT).thenCompose(v -> Requests.all(session, heads, MAX_IN_FLIGHT));
    }

    private List<BoundStatement> messageRows(EventRow row) {
        return switch (row.event()) {
            case LogEvent.MessagePosted p -> {
                Message m = p.message();
                long seq = m.seq();
                List<BoundStatement> out = new ArrayList<>(List.of(
                        at(messageColumns(insertMessage.boundStatementBuilder(), m).setLong("bucket", SeqBuckets.of(seq)), seq),
                        at(messageColumns(insertMessageById.boundStatementBuilder(), m).setLong("created_offset", row.offset()), seq)));
                if (m.nonce() != null) {
                    BoundStatementBuilder b = insertNonce.boundStatementBuilder().setLong("conversation_id", m.conversationId())
                            .setLong("author_id", m.authorId()).setString("nonce", m.nonce()).setLong("message_id", m.id())
                            .setLong("seq", seq).setInstant("created_at", m.createdAt()).setLong("created_offset", row.offset());
                    if (m.replyTo() != null) {
                        b.setLong("reply_to", m.replyTo());
                    }
                    out.add(at(b, seq));
                }
                yield out;
            }
            case LogEvent.MessageEdited e -> {
                Message m = e.message();
                yield List.of(
                        at(mentions(editMessage.boundStatementBuilder(), m).setString("content", m.content())
                                .setInstant("edited_at", m.editedAt())
                                .setLong("conversation_id", m.conversationId()).setLong("bucket", SeqBuckets.of(m.seq()))
                                .setLong("seq", m.seq()), e.seq()),
                        at(mentions(editMessageById.boundStatementBuilder(), m).setString("content", m.content())
                                .setInstant("edited_at", m.editedAt()).setLong("id", m.id()), e.seq()));
            }
            case LogEvent.MessageDeleted d -> List.of(
                    at(deleteMessage.boundStatementBuilder().setLong("conversation_id", d.conversationId())
                            .setLong("bucket", SeqBuckets.of(row.messageSeq())).setLong("seq", row.messageSeq()), d.seq()),
                    at(deleteMessageById.boundStatementBuilder().setLong("deleted_offset", row.offset())
                            .setLong("id", d.messageId()), d.seq()));
            default -> List.of();
        };
    }

    private static BoundStatementBuilder messageColumns(BoundStatementBuilder b, Message m) {
        b.setLong("conversation_id", m.conversationId()).setLong("seq", m.seq()).setLong("id", m.id())
                .setLong("author_id", m.authorId()).setString("content", m.content()).setInstant("created_at", m.createdAt());
        if (m.replyTo() != null) {
            b.setLong("reply_to", m.replyTo());
        }
        if (m.nonce() != null) {
            b.setString("nonce", m.nonce());
        }
        return mentions(b, m);
    }

    /** A message's mentions: the user ids, and 1 (@here) | 2 (@channel). */
    private static BoundStatementBuilder mentions(BoundStatementBuilder b, Message m) {
        return b.setList("mentions", m.mentions().userIds(), Long.class)
                .setInt("mention_flags", (m.mentions().here() ? 1 : 0) | (m.mentions().channel() ? 2 : 0));
    }

    private BoundStatement eventRow(EventRow row) {
        LogEvent e = row.event();
        BoundStatementBuilder b = insertEvent.boundStatementBuilder().setLong("conversation_id", e.conversationId())
                .setLong("bucket", SeqBuckets.of(e.seq())).setLong("seq", e.seq()).setByte("kind", EventKind.of(e).code)
                .setInstant("at", e.at()).setLong("source_offset", row.offset());
        switch (e) {
            case LogEvent.MessagePosted p -> b.setLong("message_id", p.message().id()).setLong("message_seq", p.message().seq());
            case LogEvent.MessageEdited ed -> b.setLong("message_id", ed.message().id()).setLong("message_seq", ed.message().seq());
            case LogEvent.MessageDeleted d -> b.setLong("message_id", d.messageId()).setLong("message_seq", row.messageSeq());
            case LogEvent.MemberAdded a -> channel(member(b, a.member()), a.conversation());
            case LogEvent.MemberRemoved r -> channel(member(b, r.member()), r.conversation());
            case LogEvent.ConversationChanged c -> channel(b, c.conversation());
            case LogEvent.ConversationRemoved r -> { }
        }
        return at(b, e.seq());
    }

    private static BoundStatementBuilder member(BoundStatementBuilder b, User u) {
        b.setLong("member_id", u.id()).setString("member_username", u.username())
                .setString("member_display_name", u.displayName()).setString("member_status_text", u.statusText())
                .setBoolean("member_bot", u.bot());
        if (u.avatarUrl() != null) {
            b.setString("member_avatar_url", u.avatarUrl());
        }
        if (u.createdAt() != null) {
            b.setInstant("member_created_at", u.createdAt());
        }
        return b;
    }

    private static BoundStatementBuilder channel(BoundStatementBuilder b, Conversation c) {
        b.setString("channel_kind", c.kind().name().toLowerCase(Locale.ROOT)).setInt("member_count", c.memberCount())
                .setInstant("created_at", c.createdAt()).setBoolean("members_may_mention_all", c.membersMayMentionAll());
        if (c.name() != null) {
            b.setString("name", c.name());
        }
        if (c.topic() != null) {
            b.setString("topic", c.topic());
        }
        if (c.visibility() != null) {
            b.setString("visibility", c.visibility().name().toLowerCase(Locale.ROOT));
        }
        if (c.ownerId() != null) {
            b.setLong("owner_id", c.ownerId());
        }
        return b;
    }

    private static BoundStatement at(BoundStatementBuilder b, long seq) {
        return b.setQueryTimestamp(seq).setIdempotence(true).build();
    }

    /** The facts of a message, if any record (of any offset) has created it. */
    public CompletionStage<Optional<MessageFacts>> message(long messageId) {
        return session.executeAsync(messageFacts.bind(messageId)).thenApply(rs -> {
            Row r = rs.one();
            if (r == null || r.isNull("created_offset")) {
                return Optional.empty();
            }
            return Optional.of(new MessageFacts(r.getLong("id"), r.getLong("conversation_id"), r.getLong("seq"),
                    r.getLong("author_id"), r.getInstant("created_at"), nullableLong(r, "reply_to"), r.getString("nonce"),
                    r.getLong("created_offset"), nullableLong(r, "deleted_offset")));
        });
    }

    /** The first message an author posted with this nonce in this conversation, if any record has made it. */
    public CompletionStage<Optional<MessageFacts>> nonce(long conversationId, long authorId, String nonce) {
        return session.executeAsync(nonceFacts.bind(conversationId, authorId, nonce)).thenApply(rs -> {
            Row r = rs.one();
            if (r == null) {
                return Optional.empty();
            }
            return Optional.of(new MessageFacts(r.getLong("message_id"), conversationId, r.getLong("seq"), authorId,
                    r.getInstant("created_at"), nullableLong(r, "reply_to"), nonce, r.getLong("created_offset"), null));
        });
    }

    public CompletableFuture<Void> writeOutcomes(Map<UUID, byte[]> outcomes) {
        List<BoundStatement> statements = new ArrayList<>();
        outcomes.forEach((id, outcome) -> statements.add(insertOutcome.bind(id, ByteBuffer.wrap(outcome)).setIdempotent(true)));
        return Requests.all(session, statements, MAX_IN_FLIGHT);
    }

    public CompletionStage<Optional<byte[]>> outcome(UUID entryId) {
        return session.executeAsync(selectOutcome.bind(entryId)).thenApply(rs -> {
            Row r = rs.one();
            return r == null ? Optional.empty() : Optional.of(bytes(r.getByteBuffer(0)));
        });
    }

    /** Stores a snapshot: its chunks, then its index row, which makes it visible to {@link #latestSnapshot}. */
    public CompletableFuture<Void> writeSnapshot(String topic, int partition, Snapshot snapshot) {
        byte[] data = snapshot.data();
        List<BoundStatement> chunks = new ArrayList<>();
        int count = 0;
        for (int from = 0; from < data.length || count == 0; from += SNAPSHOT_CHUNK_BYTES) {
            byte[] chunk = Arrays.copyOfRange(data, from, Math.min(data.length, from + SNAPSHOT_CHUNK_BYTES));
            chunks.add(insertChunk.bind(topic, partition, snapshot.offset(), count++, ByteBuffer.wrap(chunk)).setIdempotent(true));
        }
        int total = count;
        return Requests.all(session, chunks, 8).thenCompose(v -> session.executeAsync(
                insertSnapshot.bind(topic, partition, snapshot.offset(), total, (long) data.length).setIdempotent(true)))
                .thenApply(rs -> (Void) null).toCompletableFuture();
    }

    /** The newest complete snapshot at or below {@code maxOffset}. */
    public Optional<Snapshot> latestSnapshot(String topic, int partition, long maxOffset) {
        Row index = session.execute(latestSnapshot.bind(topic, partition, maxOffset)).one();
        if (index == null) {
            return Optional.empty();
        }
        long offset = index.getLong("snapshot_offset");
        int chunks = index.getInt("chunks");
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (Row r : session.execute(snapshotChunks.bind(topic, partition, offset))) {
            if (r.getInt("chunk") != parts.size()) {
                throw new IllegalStateException("snapshot " + topic + "/" + partition + "@" + offset + " lacks chunk " + parts.size());
            }
            byte[] part = bytes(r.getByteBuffer("data"));
            parts.add(part);
            total += part.length;
        }
        if (parts.size() != chunks) {
            throw new IllegalStateException("snapshot " + topic + "/" + partition + "@" + offset + " has " + parts.size()
                    + " of its " + chunks + " chunks");
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        parts.forEach(all::put);
        return Optional.of(new Snapshot(offset, all.array()));
    }

    /** Deletes the snapshots older than {@code offset}. */
    public CompletableFuture<Void> pruneSnapshots(String topic, int partition, long offset) {
        return Requests.all(session, List.of(pruneSnapshots.bind(topic, partition, offset),
                pruneChunks.bind(topic, partition, offset)), 2);
    }

    private static Long nullableLong(Row r, String column) {
        return r.isNull(column) ? null : r.getLong(column);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    static Instant instant(Row r, String column) {
        return r.isNull(column) ? null : r.getInstant(column);
    }
}
