package dev.parley.log.kafka;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.LogDecision;
import dev.parley.core.event.LogEvent;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the sequencer knows of one conversation, derived only from the records of its partition so far: its creation
 * facts (from its open record), what the log's events changed since (name, topic, owner, members in join order,
 * bans, deletion) and its last seq. Owned by the partition's consumer thread.
 */
final class ConversationState {
    final long id;
    final ConversationKind kind;
    final Visibility visibility;
    final Instant createdAt;
    String name;
    String topic;
    Long ownerId;
    boolean membersMayMentionAll;
    boolean deleted;
    long lastSeq;
    final LinkedHashSet<Long> members = new LinkedHashSet<>();
    /** Users banned from the channel (in id order, so a snapshot's bytes depend on the state alone). */
    final TreeSet<Long> banned = new TreeSet<>();

    ConversationState(long id, ConversationKind kind, Visibility visibility, Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.visibility = visibility;
        this.createdAt = createdAt;
    }

    /** A conversation as its open record announced it. */
    static ConversationState opened(Conversation c, List<Long> members) {
        ConversationState s = new ConversationState(c.id(), c.kind(), c.visibility(), c.createdAt());
        s.name = c.name();
        s.topic = c.topic();
        s.ownerId = c.ownerId();
        s.membersMayMentionAll = c.membersMayMentionAll();
        s.members.addAll(members);
        return s;
    }

    /** The conversation as members see it now. */
    Conversation view() {
        return new Conversation(id, kind, name, topic, visibility, ownerId, members.size(), createdAt, membersMayMentionAll);
    }

    Optional<Long> longestStandingMember(long excluded) {
        return members.stream().filter(m -> m != excluded).findFirst();
    }

    /** Follows an event the sequencer just decided. */
    void apply(LogEvent event) {
        lastSeq = event.seq();
        switch (event) {
            case LogEvent.MemberAdded a -> {
                members.add(a.member().id());
                channel(a.conversation());
            }
            case LogEvent.MemberRemoved r -> {
                members.remove(r.member().id());
                channel(r.conversation());
            }
            case LogEvent.ConversationChanged c -> channel(c.conversation());
            case LogEvent.ConversationRemoved r -> {
                deleted = true;
                members.clear();
            }
            case LogEvent.MessagePosted p -> { }
            case LogEvent.MessageEdited e -> { }
            case LogEvent.MessageDeleted d -> { }
        }
    }

    /** Follows a ban set or lifted. */
    void apply(LogDecision.BanChange ban) {
        if (ban.banned()) {
            banned.add(ban.userId());
        } else {
            banned.remove(ban.userId());
        }
    }

    private void channel(Conversation after) {
        name = after.name();
        topic = after.topic();
        ownerId = after.ownerId();
        membersMayMentionAll = after.membersMayMentionAll();
    }

    void write(Wire.Out out) {
        out.i64(id).u8(kind.ordinal()).u8(visibility == null ? 255 : visibility.ordinal()).instant(createdAt)
                .optStr(name).optStr(topic).optI64(ownerId).bool(deleted).i64(lastSeq).i32(members.size());
        members.forEach(out::i64);
        out.i32(banned.size());
        banned.forEach(out::i64);
        out.bool(membersMayMentionAll);
    }

    /**
     * Reads what {@link #write} wrote; snapshots of version 1 have no bans, and those before version 3 do not keep
     * whether members may mention everyone (no channel allowed it then).
     */
    static ConversationState read(Wire.In in, int version) {
        long id = in.i64();
        ConversationKind kind = ConversationKind.values()[in.u8()];
        int visibility = in.u8();
        ConversationState s = new ConversationState(id, kind, visibility == 255 ? null : Visibility.values()[visibility],
                in.instant());
        s.name = in.optStr();
        s.topic = in.optStr();
        s.ownerId = in.optI64();
        s.deleted = in.bool();
        s.lastSeq = in.i64();
        int n = in.i32();
        for (int i = 0; i < n; i++) {
            s.members.add(in.i64());
        }
        if (version >= 2) {
            int bans = in.i32();
            for (int i = 0; i < bans; i++) {
                s.banned.add(in.i64());
            }
        }
        s.membersMayMentionAll = version >= 3 && in.bool();
        return s;
    }
}
