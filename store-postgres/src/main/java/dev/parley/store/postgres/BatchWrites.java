package dev.parley.store.postgres;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.event.LogDecision;
import dev.parley.core.event.LogEvent;
import dev.parley.core.message.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows one batch of the log's writer changes, held back and sent as JDBC batches (the driver turns batched
 * inserts into multi-row inserts). Message, membership and ban changes run in the order they were decided, each run
 * of one statement as one JDBC batch, so a member added and removed again in one batch ends removed; of each
 * channel only its last state is written. {@link #flush()} makes the database reflect every change added so
 * far; {@link #finish()} also writes the events and moves the log heads. Used by the writer's thread only,
 * inside the batch's transaction.
 */
final class BatchWrites {
    private static final String INSERT_MESSAGE = "INSERT INTO messages (" + Rows.MESSAGE_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, NULL, FALSE, ?, ?, ?, ?)";
    private static final String EDIT_MESSAGE =
            "UPDATE messages SET content = ?, edited_at = ?, mentions = ?, mention_flags = ? WHERE id = ?";
    private static final String INSERT_MENTION =
            "INSERT INTO mentions (user_id, conversation_id, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String DELETE_MENTIONS = "DELETE FROM mentions WHERE conversation_id = ? AND seq = ?";
    private static final String DELETE_MESSAGE = "UPDATE messages SET content = '', deleted = TRUE WHERE id = ?";
    private static final String INSERT_MEMBERSHIP =
            "INSERT INTO memberships (conversation_id, user_id, joined_at, last_read_seq) VALUES (?, ?, ?, ?)";
    private static final String DELETE_MEMBERSHIP = "DELETE FROM memberships WHERE conversation_id = ? AND user_id = ?";
    private static final String INSERT_BAN = """
            INSERT INTO bans (conversation_id, user_id, banned_by, banned_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (conversation_id, user_id) DO NOTHING""";
    private static final String DELETE_BAN = "DELETE FROM bans WHERE conversation_id = ? AND user_id = ?";
    private static final String DELETE_CONVERSATION = "UPDATE conversations SET deleted = TRUE WHERE id = ?";
    private static final String UPDATE_CHANNEL =
            "UPDATE conversations SET name = ?, topic = ?, owner_id = ?, member_count = ?, members_may_mention_all = ? WHERE id = ?";
    private static final String INSERT_EVENT = """
            INSERT INTO events (conversation_id, seq, kind, ref_id, at, name, topic, owner_id, member_count,
                                members_may_mention_all)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String ADVANCE_HEAD = "UPDATE log_heads SET last_seq = ?, last_event_at = ? WHERE conversation_id = ?";

    /** Consecutive changes made by one statement. */
    private record Run(String sql, List<Object[]> rows) {
    }

    private final Connection c;
    private final List<Run> changes = new ArrayList<>();
    private final Map<Long, Conversation> channels = new LinkedHashMap<>();
    private final List<Object[]> events = new ArrayList<>();
    private final Map<Long, LogEvent> heads = new LinkedHashMap<>();

    BatchWrites(Connection c) {
        this.c = c;
    }

    /** Holds an event and the rows it changes. */
    void add(LogEvent event) {
        switch (event) {
            case LogEvent.MessagePosted p -> {
                Message m = p.message();
                change(INSERT_MESSAGE, m.id(), m.conversationId(), m.seq(), m.authorId(), m.content(), m.createdAt(),
                        m.replyTo(), m.nonce(), Rows.mentionIds(m.mentions()), Rows.mentionFlags(m.mentions()));
                mentions(m);
                logged(event, EventKind.MESSAGE_POSTED, m.id(), null);
            }
            case LogEvent.MessageEdited e -> {
                Message m = e.message();
                change(EDIT_MESSAGE, m.content(), m.editedAt(), Rows.mentionIds(m.mentions()), Rows.mentionFlags(m.mentions()),
                        m.id());
                change(DELETE_MENTIONS, m.conversationId(), m.seq());
                mentions(m);
                logged(event, EventKind.MESSAGE_EDITED, e.message().id(), null);
            }
            case LogEvent.MessageDeleted d -> {
                change(DELETE_MESSAGE, d.messageId());
                logged(event, EventKind.MESSAGE_DELETED, d.messageId(), null);
            }
            case LogEvent.MemberAdded a -> {
                change(INSERT_MEMBERSHIP, a.conversationId(), a.member().id(), a.at(), a.seq());
                channels.put(a.conversationId(), a.conversation());
                logged(event, EventKind.MEMBER_ADDED, a.member().id(), a.conversation());
            }
            case LogEvent.MemberRemoved r -> {
                change(DELETE_MEMBERSHIP, r.conversationId(), r.member().id());
                channels.put(r.conversationId(), r.conversation());
                logged(event, EventKind.MEMBER_REMOVED, r.member().id(), r.conversation());
            }
            case LogEvent.ConversationChanged ch -> {
                channels.put(ch.conversationId(), ch.conversation());
                logged(event, EventKind.CONVERSATION_CHANGED, null, ch.conversation());
            }
            case LogEvent.ConversationRemoved rc -> {
                change(DELETE_CONVERSATION, rc.conversationId());
                logged(event, EventKind.CONVERSATION_REMOVED, null, null);
            }
        }
        heads.put(event.conversationId(), event);
    }

    /** Holds a ban set or lifted: a row change without an event of its own. */
    void ban(LogDecision.BanChange ban) {
        if (ban.banned()) {
            change(INSERT_BAN, ban.conversationId(), ban.userId(), ban.actorId(), ban.at());
        } else {
            change(DELETE_BAN, ban.conversationId(), ban.userId());
        }
    }

    /** Writes the message, membership, ban and channel changes held so far. */
    void flush() throws SQLException {
        for (Run run : changes) {
            execute(run.sql(), run.rows());
        }
        changes.clear();
        List<Object[]> channelRows = new ArrayList<>();
        channels.values().forEach(ch -> channelRows.add(
                new Object[] {ch.name(), ch.topic(), ch.ownerId(), ch.memberCount(), ch.membersMayMentionAll(), ch.id()}));
        execute(UPDATE_CHANNEL, channelRows);
        channels.clear();
    }

    /** Writes everything held: the changes, then the events, then each conversation's new log head. */
    void finish() throws SQLException {
        flush();
        execute(INSERT_EVENT, events);
        List<Object[]> headRows = new ArrayList<>();
        heads.values().forEach(last -> headRows.add(new Object[] {last.seq(), last.at(), last.conversationId()}));
        execute(ADVANCE_HEAD, headRows);
    }

    private void mentions(Message m) {
        for (long user : m.mentions().userIds()) {
            change(INSERT_MENTION, user, m.conversationId(), m.seq());
        }
    }

    private void change(String sql, Object... row) {
        Run last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
        if (last == null || !last.sql().equals(sql)) {
            last = new Run(sql, new ArrayList<>());
            changes.add(last);
        }
        last.rows().add(row);
    }

    private void logged(LogEvent event, EventKind kind, Long refId, Conversation after) {
        events.add(new Object[] {event.conversationId(), event.seq(), kind.code, refId, event.at(),
                after == null ? null : after.name(), after == null ? null : after.topic(),
                after == null ? null : after.ownerId(), after == null ? null : after.memberCount(),
                after == null ? null : after.membersMayMentionAll()});
    }

    private void execute(String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                Jdbc.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
