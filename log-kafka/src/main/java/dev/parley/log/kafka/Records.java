package dev.parley.log.kafka;

import dev.parley.core.account.User;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.message.Mentions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Encodes and decodes {@link LogRecord}s, {@link Outcome}s and {@link LogEvent}s (see {@link Wire}). */
final class Records {
    /**
     * 2: posts and edits carry their mentions, channel changes and channels the members' right to mention everyone.
     * 3: users carry their bot flag. A record or outcome is written in the oldest version that holds it (3 only when it
     * names a bot), so that nodes of the previous release, during a rolling upgrade, read all but those.
     */
    static final int VERSION = 3;
    private static final int WITHOUT_BOTS = 2;
    /** The oldest version this node still reads (records already in a topic when nodes were upgraded). */
    private static final int OLDEST_READ = 1;
    private static final int APPEND = 1;
    private static final int OPEN = 2;

    private Records() {
    }

    static byte[] encode(LogRecord record) {
        boolean bot = record instanceof LogRecord.Append a && isBot(member(a.entry()));
        Wire.Out out = new Wire.Out().u8(versionFor(bot));
        switch (record) {
            case LogRecord.Append a -> entry(out.u8(APPEND).uuid(a.id()).str(a.node()), a.entry(), bot);
            case LogRecord.Open o -> {
                out.u8(OPEN).uuid(o.id()).str(o.node()).conversation(o.conversation()).i32(o.members().size());
                o.members().forEach(out::i64);
            }
        }
        return out.bytes();
    }

    static LogRecord decode(byte[] bytes) {
        Wire.In in = new Wire.In(bytes);
        int version = version(in.u8(), "log record");
        boolean v2 = version >= 2;
        int type = in.u8();
        return switch (type) {
            case APPEND -> new LogRecord.Append(in.uuid(), in.str(), entry(in, v2, version >= 3));
            case OPEN -> {
                var id = in.uuid();
                String node = in.str();
                var conversation = in.conversation(v2);
                int n = in.i32();
                List<Long> members = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    members.add(in.i64());
                }
                yield new LogRecord.Open(id, node, conversation, members);
            }
            default -> throw new IllegalArgumentException("unknown log record type " + type);
        };
    }

    /** The user an entry carries, if any. */
    private static User member(LogEntry entry) {
        return switch (entry) {
            case LogEntry.AddMember a -> a.member();
            case LogEntry.RemoveMember r -> r.member();
            case LogEntry.Join j -> j.member();
            case LogEntry.Leave l -> l.member();
            case LogEntry.Ban b -> b.member();
            default -> null;
        };
    }

    private static void entry(Wire.Out out, LogEntry entry, boolean withBot) {
        switch (entry) {
            case LogEntry.PostMessage p -> out.u8(1).i64(p.conversationId()).i64(p.messageId()).i64(p.authorId())
                    .str(p.content()).optStr(p.nonce()).optI64(p.replyTo()).instant(p.at()).mentions(p.mentions());
            case LogEntry.EditMessage e -> out.u8(2).i64(e.conversationId()).i64(e.messageId()).i64(e.actorId())
                    .str(e.content()).instant(e.at()).mentions(e.mentions());
            case LogEntry.DeleteMessage d -> out.u8(3).i64(d.conversationId()).i64(d.messageId()).i64(d.actorId()).instant(d.at());
            case LogEntry.AddMember a -> out.u8(4).i64(a.conversationId()).user(a.member(), withBot).i64(a.actorId()).instant(a.at());
            case LogEntry.RemoveMember r -> out.u8(5).i64(r.conversationId()).user(r.member(), withBot).i64(r.actorId()).instant(r.at());
            case LogEntry.Join j -> out.u8(6).i64(j.conversationId()).user(j.member(), withBot).instant(j.at());
            case LogEntry.Leave l -> out.u8(7).i64(l.conversationId()).user(l.member(), withBot).instant(l.at());
            case LogEntry.ChangeConversation c -> out.u8(8).i64(c.conversationId()).i64(c.actorId()).optStr(c.name())
                    .optStr(c.topic()).instant(c.at())
                    .u8(c.membersMayMentionAll() == null ? 0 : c.membersMayMentionAll() ? 2 : 1);
            case LogEntry.RemoveConversation r -> out.u8(9).i64(r.conversationId()).i64(r.actorId()).instant(r.at());
            case LogEntry.Ban b -> out.u8(10).i64(b.conversationId()).user(b.member(), withBot).i64(b.actorId()).instant(b.at());
            case LogEntry.Unban u -> out.u8(11).i64(u.conversationId()).i64(u.userId()).i64(u.actorId()).instant(u.at());
        }
    }

    private static LogEntry entry(Wire.In in, boolean v2, boolean v3) {
        int kind = in.u8();
        return switch (kind) {
            case 1 -> new LogEntry.PostMessage(in.i64(), in.i64(), in.i64(), in.str(), in.optStr(), in.optI64(), in.instant(),
                    v2 ? in.mentions() : Mentions.NONE);
            case 2 -> new LogEntry.EditMessage(in.i64(), in.i64(), in.i64(), in.str(), in.instant(),
                    v2 ? in.mentions() : Mentions.NONE);
            case 3 -> new LogEntry.DeleteMessage(in.i64(), in.i64(), in.i64(), in.instant());
            case 4 -> new LogEntry.AddMember(in.i64(), in.user(v3), in.i64(), in.instant());
            case 5 -> new LogEntry.RemoveMember(in.i64(), in.user(v3), in.i64(), in.instant());
            case 6 -> new LogEntry.Join(in.i64(), in.user(v3), in.instant());
            case 7 -> new LogEntry.Leave(in.i64(), in.user(v3), in.instant());
            case 8 -> {
                long c = in.i64();
                long actor = in.i64();
                String name = in.optStr();
                String topic = in.optStr();
                var at = in.instant();
                int mentionAll = v2 ? in.u8() : 0;
                yield new LogEntry.ChangeConversation(c, actor, name, topic, mentionAll == 0 ? null : mentionAll == 2, at);
            }
            case 9 -> new LogEntry.RemoveConversation(in.i64(), in.i64(), in.instant());
            case 10 -> new LogEntry.Ban(in.i64(), in.user(v3), in.i64(), in.instant());
            case 11 -> new LogEntry.Unban(in.i64(), in.i64(), in.i64(), in.instant());
            default -> throw new IllegalArgumentException("unknown log entry kind " + kind);
        };
    }

    static byte[] encode(Outcome outcome) {
        boolean bot = namesBot(outcome);
        Wire.Out out = new Wire.Out().u8(versionFor(bot));
        switch (outcome) {
            case Outcome.Written w -> {
                out.u8(1).bool(w.primary() != null);
                if (w.primary() != null) {
                    event(out, w.primary(), bot);
                }
            }
            case Outcome.Repeat r -> out.u8(2).i64(r.messageId()).i64(r.seq());
            case Outcome.Unchanged u -> out.u8(3);
            case Outcome.Refused r -> out.u8(4).str(r.code().name()).str(r.message() == null ? "" : r.message());
            case Outcome.Unknown u -> out.u8(5);
        }
        return out.bytes();
    }

    static Outcome decodeOutcome(byte[] bytes) {
        Wire.In in = new Wire.In(bytes);
        int version = version(in.u8(), "outcome");
        int kind = in.u8();
        return switch (kind) {
            case 1 -> new Outcome.Written(in.bool() ? event(in, version >= 2, version >= 3) : null);
            case 2 -> new Outcome.Repeat(in.i64(), in.i64());
            case 3 -> new Outcome.Unchanged();
            case 4 -> new Outcome.Refused(ErrorCode.valueOf(in.str()), in.str());
            case 5 -> new Outcome.Unknown();
            default -> throw new IllegalArgumentException("unknown outcome kind " + kind);
        };
    }

    /** Outcomes for one appending node, sent to it by the partitions' owner: a version, a count, then id and outcome each. */
    static byte[] encodeOutcomes(Map<UUID, Outcome> outcomes) {
        boolean bot = outcomes.values().stream().anyMatch(Records::namesBot);
        Wire.Out out = new Wire.Out().u8(versionFor(bot)).i32(outcomes.size());
        outcomes.forEach((id, outcome) -> out.uuid(id).blob(encode(outcome)));
        return out.bytes();
    }

    static Map<UUID, Outcome> decodeOutcomes(byte[] bytes) {
        Wire.In in = new Wire.In(bytes);
        version(in.u8(), "outcomes");
        int count = in.i32();
        Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            outcomes.put(in.uuid(), decodeOutcome(in.blob()));
        }
        return outcomes;
    }

    private static boolean namesBot(Outcome outcome) {
        return outcome instanceof Outcome.Written w && isBot(member(w.primary()));
    }

    private static boolean isBot(User user) {
        return user != null && user.bot();
    }

    /** The oldest version that holds a record or outcome: 3 only for one that names a bot. */
    private static int versionFor(boolean namesBot) {
        return namesBot ? VERSION : WITHOUT_BOTS;
    }

    /** The user an event carries, if any. */
    private static User member(LogEvent event) {
        return switch (event) {
            case LogEvent.MemberAdded a -> a.member();
            case LogEvent.MemberRemoved r -> r.member();
            case null, default -> null;
        };
    }

    private static void event(Wire.Out out, LogEvent event, boolean withBot) {
        out.i64(event.conversationId()).i64(event.seq()).instant(event.at());
        switch (event) {
            case LogEvent.MessagePosted p -> out.u8(1).message(p.message());
            case LogEvent.MessageEdited e -> out.u8(2).message(e.message());
            case LogEvent.MessageDeleted d -> out.u8(3).i64(d.messageId());
            case LogEvent.MemberAdded a -> out.u8(4).user(a.member(), withBot).conversation(a.conversation());
            case LogEvent.MemberRemoved r -> out.u8(5).user(r.member(), withBot).conversation(r.conversation());
            case LogEvent.ConversationChanged c -> out.u8(6).conversation(c.conversation());
            case LogEvent.ConversationRemoved r -> out.u8(7);
        }
    }

    private static LogEvent event(Wire.In in, boolean v2, boolean v3) {
        long c = in.i64();
        long seq = in.i64();
        var at = in.instant();
        int kind = in.u8();
        return switch (kind) {
            case 1 -> new LogEvent.MessagePosted(c, seq, at, in.message(v2));
            case 2 -> new LogEvent.MessageEdited(c, seq, at, in.message(v2));
            case 3 -> new LogEvent.MessageDeleted(c, seq, at, in.i64());
            case 4 -> new LogEvent.MemberAdded(c, seq, at, in.user(v3), in.conversation(v2));
            case 5 -> new LogEvent.MemberRemoved(c, seq, at, in.user(v3), in.conversation(v2));
            case 6 -> new LogEvent.ConversationChanged(c, seq, at, in.conversation(v2));
            case 7 -> new LogEvent.ConversationRemoved(c, seq, at);
            default -> throw new IllegalArgumentException("unknown event kind " + kind);
        };
    }

    private static int version(int version, String what) {
        if (version < OLDEST_READ || version > VERSION) {
            throw new IllegalArgumentException(what + " version " + version + " is not known to this node");
        }
        return version;
    }
}
