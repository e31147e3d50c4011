package dev.parley.core.event;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The single writer's rules: given an entry and the log's state at its turn, the events it makes (with their
 * seqs), or a refusal. Every adapter's writer applies these, so who may do what is decided in one place and in
 * the same step as the change. Refusals: not_found for a conversation the actor is not in (or that does not
 * exist) and for a missing or deleted message, forbidden for a member without the right.
 *
 * <p>The rules for channels: only the owner adds, removes, renames or deletes; anyone joins a public channel;
 * a member leaves (an owner removing themselves leaves too), and an owner who leaves hands the channel to the
 * longest-standing member (the hand-over is logged before the departure, so ownership always rests with a
 * member); the last member leaving deletes it. A DM cannot be left. The owner bans a member (who is removed) or
 * anyone else: a banned user's join and the owner's adding them are forbidden until the ban is lifted; owners do
 * not ban themselves.
 *
 * <p>Mentions: a post or an edit keeps the users it names who are members at its turn, and {@code @here} /
 * {@code @channel} only in a channel and only from its owner, or from any member if the channel allows it
 * ({@code membersMayMentionAll}); otherwise they stay plain text. Only the owner changes that setting.
 */
public final class LogRules {
    private LogRules() {
    }

    public static LogDecision decide(LogEntry entry, LogState state) {
        long seq = state.lastSeq(entry.conversationId()) + 1;
        return switch (entry) {
            case LogEntry.PostMessage p -> post(p, state, seq);
            case LogEntry.EditMessage e -> edit(e, state, seq);
            case LogEntry.DeleteMessage d -> delete(d, state, seq);
            case LogEntry.AddMember a -> addByOwner(a, state, seq);
            case LogEntry.Ban b -> ban(b, state, seq);
            case LogEntry.Unban u -> unban(u, state);
            case LogEntry.Join j -> join(j, state, seq);
            case LogEntry.RemoveMember r -> remove(r, state, seq);
            case LogEntry.Leave l -> leave(l.conversationId(), l.member(), l.at(), state, seq);
            case LogEntry.ChangeConversation ch -> change(ch, state, seq);
            case LogEntry.RemoveConversation rc -> {
                ownedChannel(rc.conversationId(), rc.actorId(), state);
                yield write(new LogEvent.ConversationRemoved(rc.conversationId(), seq, rc.at()));
            }
        };
    }

    private static LogDecision post(LogEntry.PostMessage p, LogState state, long seq) {
        Conversation c = memberOf(p.conversationId(), p.authorId(), state);
        if (p.nonce() != null) {
            Optional<Message> original = state.messageByNonce(p.conversationId(), p.authorId(), p.nonce());
            if (original.isPresent()) {
                Message m = original.get();
                return new LogDecision.Repeat(new LogEvent.MessagePosted(m.conversationId(), m.seq(), m.createdAt(), m));
            }
        }
        if (p.replyTo() != null && state.message(p.conversationId(), p.replyTo()).isEmpty()) {
            throw new ParleyException(ErrorCode.INVALID_REPLY_TO, "reply_to must be a message of this conversation");
        }
        Message m = new Message(p.messageId(), p.conversationId(), seq, p.authorId(), p.content(), p.at(), null, false,
                p.replyTo(), p.nonce(), kept(p.mentions(), c, p.authorId(), state));
        return write(new LogEvent.MessagePosted(p.conversationId(), seq, p.at(), m));
    }

    private static LogDecision edit(LogEntry.EditMessage e, LogState state, long seq) {
        Conversation c = memberOf(e.conversationId(), e.actorId(), state);
        Message m = liveMessage(e.conversationId(), e.messageId(), state);
        if (m.authorId() != e.actorId()) {
            throw ParleyException.forbidden("only the author may edit a message");
        }
        Message edited = new Message(m.id(), m.conversationId(), m.seq(), m.authorId(), e.content(), m.createdAt(), e.at(),
                false, m.replyTo(), m.nonce(), kept(e.mentions(), c, m.authorId(), state));
        return write(new LogEvent.MessageEdited(e.conversationId(), seq, e.at(), edited));
    }

    private static LogDecision delete(LogEntry.DeleteMessage d, LogState state, long seq) {
        Conversation c = memberOf(d.conversationId(), d.actorId(), state);
        Message m = liveMessage(d.conversationId(), d.messageId(), state);
        if (m.authorId() != d.actorId() && !c.isOwner(d.actorId())) {
            throw ParleyException.forbidden("only the author or the channel's owner may delete a message");
        }
        return write(new LogEvent.MessageDeleted(d.conversationId(), seq, d.at(), m.id()));
    }

    private static LogDecision join(LogEntry.Join j, LogState state, long seq) {
        Conversation c = channel(j.conversationId(), state);
        if (!state.isMember(j.conversationId(), j.member().id()) && c.visibility() != Visibility.PUBLIC) {
            throw ParleyException.notFoundConversation();
        }
        if (state.isBanned(j.conversationId(), j.member().id())) {
            throw ParleyException.forbidden("you are banned from this channel");
        }
        return add(j.conversationId(), j.member(), c, j.at(), state, seq);
    }

    private static LogDecision addByOwner(LogEntry.AddMember a, LogState state, long seq) {
        Conversation c = ownedChannel(a.conversationId(), a.actorId(), state);
        if (state.isBanned(a.conversationId(), a.member().id())) {
            throw ParleyException.forbidden("that user is banned from this channel: lift the ban first");
        }
        return add(a.conversationId(), a.member(), c, a.at(), state, seq);
    }

    private static LogDecision ban(LogEntry.Ban b, LogState state, long seq) {
        long cid = b.conversationId();
        Conversation c = ownedChannel(cid, b.actorId(), state);
        if (b.member().id() == b.actorId()) {
            throw ParleyException.invalid("you cannot ban yourself");
        }
        if (state.isBanned(cid, b.member().id())) {
            return new LogDecision.Unchanged();
        }
        List<LogDecision.BanChange> bans = List.of(new LogDecision.BanChange(cid, b.member().id(), true, b.actorId(), b.at()));
        if (!state.isMember(cid, b.member().id())) {
            return new LogDecision.Write(List.of(), bans);
        }
        return new LogDecision.Write(List.of(new LogEvent.MemberRemoved(cid, seq, b.at(), b.member(),
                withMembers(c, c.memberCount() - 1))), bans);
    }

    private static LogDecision unban(LogEntry.Unban u, LogState state) {
        ownedChannel(u.conversationId(), u.actorId(), state);
        if (!state.isBanned(u.conversationId(), u.userId())) {
            return new LogDecision.Unchanged();
        }
        return new LogDecision.Write(List.of(),
                List.of(new LogDecision.BanChange(u.conversationId(), u.userId(), false, u.actorId(), u.at())));
    }

    private static LogDecision add(long cid, User member, Conversation c, Instant at, LogState state, long seq) {
        if (state.isMember(cid, member.id())) {
            return new LogDecision.Unchanged();
        }
        return write(new LogEvent.MemberAdded(cid, seq, at, member, withMembers(c, c.memberCount() + 1)));
    }

    private static LogDecision remove(LogEntry.RemoveMember r, LogState state, long seq) {
        long cid = r.conversationId();
        Conversation c = ownedChannel(cid, r.actorId(), state);
        if (r.member().id() == r.actorId()) {
            return leave(cid, r.member(), r.at(), state, seq);
        }
        if (!state.isMember(cid, r.member().id())) {
            return new LogDecision.Unchanged();
        }
        return write(new LogEvent.MemberRemoved(cid, seq, r.at(), r.member(), withMembers(c, c.memberCount() - 1)));
    }

    private static LogDecision leave(long cid, User member, Instant at, LogState state, long seq) {
        Conversation c = memberOf(cid, member.id(), state);
        if (!c.isChannel()) {
            throw ParleyException.forbidden("a DM cannot be left");
        }
        if (!c.isOwner(member.id())) {
            return write(new LogEvent.MemberRemoved(cid, seq, at, member, withMembers(c, c.memberCount() - 1)));
        }
        Optional<Long> heir = state.longestStandingMember(cid, member.id());
        if (heir.isEmpty()) {
            return write(new LogEvent.ConversationRemoved(cid, seq, at));
        }
        Conversation handedOver = c.withOwner(heir.get());
        return new LogDecision.Write(List.of(
                new LogEvent.ConversationChanged(cid, seq, at, handedOver),
                new LogEvent.MemberRemoved(cid, seq + 1, at, member, withMembers(handedOver, c.memberCount() - 1))));
    }

    private static LogDecision change(LogEntry.ChangeConversation ch, LogState state, long seq) {
        Conversation c = ownedChannel(ch.conversationId(), ch.actorId(), state);
        if (ch.name() == null && ch.topic() == null && ch.membersMayMentionAll() == null) {
            return new LogDecision.Unchanged();
        }
        Conversation changed = new Conversation(c.id(), c.kind(), ch.name() == null ? c.name() : ch.name(),
                ch.topic() == null ? c.topic() : ch.topic(), c.visibility(), c.ownerId(), c.memberCount(), c.createdAt(),
                ch.membersMayMentionAll() == null ? c.membersMayMentionAll() : ch.membersMayMentionAll());
        return write(new LogEvent.ConversationChanged(ch.conversationId(), seq, ch.at(), changed));
    }

    /** The conversation, if {@code userId} is a member of it; otherwise not_found, as for one that does not exist. */
    public static Conversation memberOf(long conversationId, long userId, LogState state) {
        Conversation c = state.conversation(conversationId).orElseThrow(ParleyException::notFoundConversation);
        if (!state.isMember(conversationId, userId)) {
            throw ParleyException.notFoundConversation();
        }
        return c;
    }

    private static Conversation channel(long conversationId, LogState state) {
        Conversation c = state.conversation(conversationId).orElseThrow(ParleyException::notFoundConversation);
        if (!c.isChannel()) {
            throw ParleyException.notFoundConversation();
        }
        return c;
    }

    private static Conversation ownedChannel(long conversationId, long actorId, LogState state) {
        Conversation c = channel(conversationId, state);
        if (!state.isMember(conversationId, actorId)) {
            throw ParleyException.notFoundConversation();
        }
        if (!c.isOwner(actorId)) {
            throw ParleyException.forbidden("only the channel's owner may do that");
        }
        return c;
    }

    private static Message liveMessage(long conversationId, long messageId, LogState state) {
        return state.message(conversationId, messageId).filter(m -> !m.deleted())
                .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "message not found"));
    }

    private static Conversation withMembers(Conversation c, int memberCount) {
        return c.withMemberCount(memberCount);
    }

    /** The mentions a message keeps: named members, and the flags where its author may use them. */
    private static Mentions kept(Mentions requested, Conversation c, long authorId, LogState state) {
        if (requested.isEmpty()) {
            return Mentions.NONE;
        }
        List<Long> members = requested.userIds().stream().distinct()
                .filter(id -> state.isMember(c.id(), id)).toList();
        boolean all = c.mayMentionAll(authorId);
        return new Mentions(members, all && requested.here(), all && requested.channel());
    }

    private static LogDecision write(LogEvent event) {
        return new LogDecision.Write(List.of(event));
    }
}
