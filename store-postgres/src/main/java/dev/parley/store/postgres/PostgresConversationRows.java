package dev.parley.store.postgres;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.event.LogDecision;
import dev.parley.core.event.LogEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The memberships, bans and channel rows of conversations whose log is elsewhere (Kafka, second tier), applied by that log's
 * writer record by record, idempotently: each conversation's {@code log_version} is the offset of the last record
 * applied to its rows, and a record at or below it is skipped. So a writer that applies a record twice, or a stale
 * writer that applies an old record after a newer one, changes nothing, and the rows always show the state after the
 * newest record applied. Offsets of one conversation are comparable because its records always go to one partition.
 * Thread-safe.
 */
public final class PostgresConversationRows {
    /** The events and ban changes one log record made, and that record's offset. */
    public record Change(long offset, List<LogEvent> events, List<LogDecision.BanChange> bans) {
        public Change(long offset, List<LogEvent> events) {
            this(offset, events, List.of());
        }

        Set<Long> conversationIds() {
            Set<Long> ids = new TreeSet<>();
            events.forEach(e -> ids.add(e.conversationId()));
            bans.forEach(b -> ids.add(b.conversationId()));
            return ids;
        }
    }

    private final PostgresDatabase db;

    public PostgresConversationRows(PostgresDatabase db) {
        this.db = db;
    }

    /**
     * Applies the changes, in order, in one transaction: locks the conversations' rows (ascending id, so two writers
     * never deadlock), skips every change at or below a conversation's version, and moves the versions.
     */
    public void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        db.write(c -> {
            Map<Long, Long> versions = lock(c, changes);
            for (Change change : changes) {
                for (LogEvent event : change.events()) {
                    if (newer(versions, event.conversationId(), change)) {
                        apply(c, event);
                    }
                }
                for (LogDecision.BanChange ban : change.bans()) {
                    if (newer(versions, ban.conversationId(), change)) {
                        apply(c, ban);
                    }
                }
                for (long id : change.conversationIds()) {
                    versions.computeIfPresent(id, (key, v) -> Math.max(v, change.offset()));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE conversations SET log_version = ? WHERE id = ? AND log_version < ?")) {
                for (Map.Entry<Long, Long> v : versions.entrySet()) {
                    Jdbc.bind(ps, new Object[] {v.getValue(), v.getKey(), v.getValue()});
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static boolean newer(Map<Long, Long> versions, long conversationId, Change change) {
        Long version = versions.get(conversationId);
        return version != null && change.offset() > version;
    }

    private static Map<Long, Long> lock(Connection c, List<Change> changes) throws SQLException {
        Array ids = Jdbc.bigints(c, changes.stream().flatMap(ch -> ch.conversationIds().stream()).distinct().sorted().toList());
        Map<Long, Long> versions = new HashMap<>();
        for (long[] row : Jdbc.list(c, "SELECT id, log_version FROM conversations WHERE id = ANY(?) ORDER BY id FOR UPDATE",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, ids)) {
            versions.put(row[0], row[1]);
        }
        return versions;
    }

    private static void apply(Connection c, LogEvent event) throws SQLException {
        switch (event) {
            case LogEvent.MemberAdded a -> {
                Jdbc.update(c, """
                        INSERT INTO memberships (conversation_id, user_id, joined_at, last_read_seq) VALUES (?, ?, ?, ?)
                        ON CONFLICT (conversation_id, user_id) DO NOTHING""", a.conversationId(), a.member().id(), a.at(), a.seq());
                channel(c, a.conversation());
            }
            case LogEvent.MemberRemoved r -> {
                Jdbc.update(c, "DELETE FROM memberships WHERE conversation_id = ? AND user_id = ?", r.conversationId(),
                        r.member().id());
                channel(c, r.conversation());
            }
            case LogEvent.ConversationChanged ch -> channel(c, ch.conversation());
            case LogEvent.ConversationRemoved rc -> Jdbc.update(c, "UPDATE conversations SET deleted = TRUE WHERE id = ?",
                    rc.conversationId());
            case LogEvent.MessagePosted p -> { }
            case LogEvent.MessageEdited e -> { }
            case LogEvent.MessageDeleted d -> { }
        }
    }

    private static void apply(Connection c, LogDecision.BanChange ban) throws SQLException {
        if (ban.banned()) {
            Jdbc.update(c, """
                    INSERT INTO bans (conversation_id, user_id, banned_by, banned_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (conversation_id, user_id) DO NOTHING""", ban.conversationId(), ban.userId(), ban.actorId(), ban.at());
        } else {
            Jdbc.update(c, "DELETE FROM bans WHERE conversation_id = ? AND user_id = ?", ban.conversationId(), ban.userId());
        }
    }

    private static void channel(Connection c, Conversation after) throws SQLException {
        Jdbc.update(c, """
                UPDATE conversations SET name = ?, topic = ?, owner_id = ?, member_count = ?, members_may_mention_all = ?
                WHERE id = ?""", after.name(), after.topic(), after.ownerId(), after.memberCount(), after.membersMayMentionAll(),
                after.id());
    }
}
