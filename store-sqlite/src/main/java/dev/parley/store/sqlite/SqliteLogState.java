package dev.parley.store.sqlite;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.event.LogState;
import dev.parley.core.message.Message;
import dev.parley.store.jdbc.Jdbc;
import dev.parley.store.jdbc.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The log's state read on the writer's connection inside its open transaction, so every change made earlier in
 * the batch is seen. Seq counters come from the sequencer's in-memory map (loaded from {@code logs} on first
 * use). Used by the sequencer thread only.
 */
final class SqliteLogState implements LogState {
    private final Connection c;
    private final Map<Long, Long> lastSeq;

    SqliteLogState(Connection c, Map<Long, Long> lastSeq) {
        this.c = c;
        this.lastSeq = lastSeq;
    }

    @Override
    public Optional<Conversation> conversation(long conversationId) {
        return read(() -> Jdbc.one(c, "SELECT * FROM conversations WHERE id = ? AND deleted = 0",
                Rows::conversation, conversationId));
    }

    @Override
    public boolean isMember(long conversationId, long userId) {
        return read(() -> Jdbc.one(c, "SELECT 1 FROM memberships WHERE conversation_id = ? AND user_id = ?",
                rs -> true, conversationId, userId)).isPresent();
    }

    @Override
    public boolean isBanned(long conversationId, long userId) {
        return read(() -> Jdbc.one(c, "SELECT 1 FROM bans WHERE conversation_id = ? AND user_id = ?",
                rs -> true, conversationId, userId)).isPresent();
    }

    @Override
    public Optional<Long> longestStandingMember(long conversationId, long excludedUserId) {
        return read(() -> Jdbc.one(c, """
                SELECT user_id FROM memberships WHERE conversation_id = ? AND user_id <> ? ORDER BY ordinal LIMIT 1""",
                rs -> rs.getLong(1), conversationId, excludedUserId));
    }

    @Override
    public Optional<Message> message(long conversationId, long messageId) {
        return read(() -> Jdbc.one(c, Rows.MESSAGE_BY_ID, Rows::message, messageId, conversationId));
    }

    @Override
    public Optional<Message> messageByNonce(long conversationId, long authorId, String nonce) {
        return read(() -> Jdbc.one(c, Rows.MESSAGE_BY_NONCE, Rows::message, conversationId, authorId,
                nonce));
    }

    @Override
    public long lastSeq(long conversationId) {
        Long last = lastSeq.get(conversationId);
        if (last == null) {
            last = read(() -> Jdbc.one(c, "SELECT last_seq FROM logs WHERE conversation_id = ?", rs -> rs.getLong(1),
                    conversationId)).orElse(0L);
            lastSeq.put(conversationId, last);
        }
        return last;
    }

    private interface Read<T> {
        T run() throws SQLException;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.run();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
