package dev.parley.store.postgres;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.event.LogDecision;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogState;
import dev.parley.core.message.Message;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The log's state as one batch of the writer sees it, inside the batch's transaction and under its log heads'
 * locks. What deciding the batch will ask (its conversations, the memberships of its actors and members, the bans
 * of those who join, are added, banned or unbanned, the messages its edits and deletions name, the nonces of its
 * posts) is read up front in a few queries; every event and ban change the batch decides is then applied to those
 * answers, so later entries see earlier ones without reading the database again. Anything else is read on demand,
 * after {@link BatchWrites#flush()} has made the database reflect the batch so far. Seqs come only from the locked
 * heads. Lives for one batch, on the writer's thread.
 */
final class PostgresLogState implements LogState {
    private record MemberKey(long conversationId, long userId) {
    }

    private record NonceKey(long conversationId, long authorId, String nonce) {
    }

    @FunctionalInterface
    private interface Read<T> {
        T run() throws SQLException;
    }

    private final Connection c;
    private final BatchWrites writes;
    private final Map<Long, Long> lastSeq;
    private final Map<Long, Optional<Conversation>> conversations = new HashMap<>();
    private final Map<MemberKey, Boolean> members = new HashMap<>();
    private final Map<MemberKey, Boolean> bans = new HashMap<>();
    private final Map<Long, Optional<Message>> messages = new HashMap<>();
    private final Map<NonceKey, Optional<Message>> nonces = new HashMap<>();

    /** {@code lockedHeads}: the last seq of each conversation whose head the batch holds. */
    PostgresLogState(Connection c, BatchWrites writes, Map<Long, Long> lockedHeads) {
        this.c = c;
        this.writes = writes;
        this.lastSeq = new HashMap<>(lockedHeads);
    }

    /** Reads at once what deciding {@code entries} will ask. */
    void prefetch(List<LogEntry> entries) throws SQLException {
        Set<Long> conversationIds = new LinkedHashSet<>();
        Set<MemberKey> memberKeys = new LinkedHashSet<>();
        Set<MemberKey> banKeys = new LinkedHashSet<>();
        Set<Long> messageIds = new LinkedHashSet<>();
        Set<NonceKey> nonceKeys = new LinkedHashSet<>();
        for (LogEntry entry : entries) {
            long cid = entry.conversationId();
            conversationIds.add(cid);
            memberKeys.add(new MemberKey(cid, entry.actorId()));
            switch (entry) {
                case LogEntry.PostMessage p -> {
                    if (p.nonce() != null) {
                        nonceKeys.add(new NonceKey(cid, p.authorId(), p.nonce()));
                    }
                    p.mentions().userIds().forEach(u -> memberKeys.add(new MemberKey(cid, u)));
                }
                case LogEntry.EditMessage e -> {
                    messageIds.add(e.messageId());
                    e.mentions().userIds().forEach(u -> memberKeys.add(new MemberKey(cid, u)));
                }
                case LogEntry.DeleteMessage d -> messageIds.add(d.messageId());
                case LogEntry.AddMember a -> {
                    memberKeys.add(new MemberKey(cid, a.member().id()));
                    banKeys.add(new MemberKey(cid, a.member().id()));
                }
                case LogEntry.RemoveMember r -> memberKeys.add(new MemberKey(cid, r.member().id()));
                case LogEntry.Join j -> banKeys.add(new MemberKey(cid, j.member().id()));
                case LogEntry.Ban b -> {
                    memberKeys.add(new MemberKey(cid, b.member().id()));
                    banKeys.add(new MemberKey(cid, b.member().id()));
                }
                case LogEntry.Unban u -> banKeys.add(new MemberKey(cid, u.userId()));
                default -> { }
            }
        }
        conversationIds.forEach(id -> conversations.put(id, Optional.empty()));
        for (Conversation found : Jdbc.list(c, "SELECT " + Rows.CONVERSATION_COLUMNS
                + " FROM conversations WHERE id = ANY(?) AND NOT deleted", Rows::conversation, Jdbc.bigints(c, conversationIds))) {
            conversations.put(found.id(), Optional.of(found));
        }
        prefetchPairs("memberships", memberKeys, members);
        if (!banKeys.isEmpty()) {
            prefetchPairs("bans", banKeys, bans);
        }
        if (!messageIds.isEmpty()) {
            messageIds.forEach(id -> messages.put(id, Optional.empty()));
            Jdbc.list(c, "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE id = ANY(?)", Rows::message,
                    Jdbc.bigints(c, messageIds)).forEach(this::remember);
        }
        if (!nonceKeys.isEmpty()) {
            nonceKeys.forEach(k -> nonces.put(k, Optional.empty()));
            List<Long> nonceConversations = new ArrayList<>();
            List<Long> nonceAuthors = new ArrayList<>();
            List<String> nonceTexts = new ArrayList<>();
            for (NonceKey k : nonceKeys) {
                nonceConversations.add(k.conversationId());
                nonceAuthors.add(k.authorId());
                nonceTexts.add(k.nonce());
            }
            Jdbc.list(c, "SELECT " + Rows.MESSAGE_COLUMNS + """
                     FROM messages JOIN unnest(?::bigint[], ?::bigint[], ?::text[]) AS k (c, a, n)
                    ON conversation_id = k.c AND author_id = k.a AND nonce = k.n""", Rows::message,
                    Jdbc.bigints(c, nonceConversations), Jdbc.bigints(c, nonceAuthors), Jdbc.texts(c, nonceTexts))
                    .forEach(this::remember);
        }
    }

    /** Which of the (conversation, user) pairs have a row in {@code table} (memberships or bans). */
    private void prefetchPairs(String table, Set<MemberKey> keys, Map<MemberKey, Boolean> answers) throws SQLException {
        keys.forEach(k -> answers.put(k, false));
        List<Long> conversationIds = keys.stream().map(MemberKey::conversationId).toList();
        List<Long> userIds = keys.stream().map(MemberKey::userId).toList();
        for (MemberKey found : Jdbc.list(c, "SELECT conversation_id, user_id FROM " + table
                + " JOIN unnest(?::bigint[], ?::bigint[]) AS k (conversation_id, user_id) USING (conversation_id, user_id)",
                rs -> new MemberKey(rs.getLong(1), rs.getLong(2)), Jdbc.bigints(c, conversationIds), Jdbc.bigints(c, userIds))) {
            answers.put(found, true);
        }
    }

    /** Applies a decided ban change to the answers held, as its row will be once written. */
    void applied(LogDecision.BanChange ban) {
        bans.put(new MemberKey(ban.conversationId(), ban.userId()), ban.banned());
    }

    /** Applies a decided event to the answers held, as its rows will be once written. */
    void applied(LogEvent event) {
        long cid = event.conversationId();
        lastSeq.put(cid, event.seq());
        switch (event) {
            case LogEvent.MessagePosted p -> remember(p.message());
            case LogEvent.MessageEdited e -> remember(e.message());
            case LogEvent.MessageDeleted d -> messages.get(d.messageId()).ifPresent(m -> remember(new Message(m.id(),
                    m.conversationId(), m.seq(), m.authorId(), "", m.createdAt(), m.editedAt(), true, m.replyTo(), m.nonce(),
                    m.mentions())));
            case LogEvent.MemberAdded a -> {
                members.put(new MemberKey(cid, a.member().id()), true);
                conversations.put(cid, Optional.of(a.conversation()));
            }
            case LogEvent.MemberRemoved r -> {
                members.put(new MemberKey(cid, r.member().id()), false);
                conversations.put(cid, Optional.of(r.conversation()));
            }
            case LogEvent.ConversationChanged ch -> conversations.put(cid, Optional.of(ch.conversation()));
            case LogEvent.ConversationRemoved rc -> conversations.put(cid, Optional.empty());
        }
    }

    private void remember(Message m) {
        messages.put(m.id(), Optional.of(m));
        if (m.nonce() != null) {
            nonces.put(new NonceKey(m.conversationId(), m.authorId(), m.nonce()), Optional.of(m));
        }
    }

    @Override
    public Optional<Conversation> conversation(long conversationId) {
        return held(conversations, conversationId, () -> Jdbc.one(c, "SELECT " + Rows.CONVERSATION_COLUMNS
                + " FROM conversations WHERE id = ? AND NOT deleted", Rows::conversation, conversationId));
    }

    @Override
    public boolean isMember(long conversationId, long userId) {
        return held(members, new MemberKey(conversationId, userId), () -> Jdbc.one(c,
                "SELECT 1 FROM memberships WHERE conversation_id = ? AND user_id = ?", rs -> true, conversationId, userId)
                .isPresent());
    }

    @Override
    public boolean isBanned(long conversationId, long userId) {
        return held(bans, new MemberKey(conversationId, userId), () -> Jdbc.one(c,
                "SELECT 1 FROM bans WHERE conversation_id = ? AND user_id = ?", rs -> true, conversationId, userId)
                .isPresent());
    }

    @Override
    public Optional<Long> longestStandingMember(long conversationId, long excludedUserId) {
        return read(() -> {
            writes.flush();
            return Jdbc.one(c, """
                    SELECT user_id FROM memberships WHERE conversation_id = ? AND user_id <> ? ORDER BY ordinal LIMIT 1""",
                    rs -> rs.getLong(1), conversationId, excludedUserId);
        });
    }

    @Override
    public Optional<Message> message(long conversationId, long messageId) {
        return held(messages, messageId, () -> Jdbc.one(c, "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE id = ?",
                Rows::message, messageId)).filter(m -> m.conversationId() == conversationId);
    }

    @Override
    public Optional<Message> messageByNonce(long conversationId, long authorId, String nonce) {
        return held(nonces, new NonceKey(conversationId, authorId, nonce), () -> Jdbc.one(c, "SELECT " + Rows.MESSAGE_COLUMNS
                + " FROM messages WHERE conversation_id = ? AND author_id = ? AND nonce = ?", Rows::message,
                conversationId, authorId, nonce));
    }

    /** From the locked head, moved by the events decided since: never from anything read without the lock. */
    @Override
    public long lastSeq(long conversationId) {
        Long last = lastSeq.get(conversationId);
        if (last == null) {
            throw new IllegalStateException("the log head of conversation " + conversationId + " is not locked");
        }
        return last;
    }

    private <K, V> V held(Map<K, V> answers, K key, Read<V> read) {
        V answer = answers.get(key);
        if (answer == null) {
            answer = read(() -> {
                writes.flush();
                return read.run();
            });
            answers.put(key, answer);
        }
        return answer;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.run();
        } catch (SQLException e) {
            throw new PostgresStoreException(e);
        }
    }
}
