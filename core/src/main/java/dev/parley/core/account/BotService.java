package dev.parley.core.account;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.id.Snowflake;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Bots: accounts a person owns, that services drive through named API tokens. A token is a session of the bot
 * with a {@link Scope} (read, or read and send; optionally only some conversations); its secret is shown once and
 * stored hashed; revoking it closes its sockets. Bots join conversations like anyone (a channel's owner adds them)
 * and have no password. Only a person's session manages bots, and only their owner's.
 */
public final class BotService {
    public static final int MAX_BOTS_PER_OWNER = 20;
    public static final int MAX_TOKENS_PER_BOT = 20;
    public static final int MAX_TOKEN_NAME = 64;

    private final AccountStore store;
    private final AccountClosing closing;
    private final Tokens tokens;
    private final Snowflake ids;
    private final AccountEvents events;
    private final Clock clock;

    public BotService(AccountStore store, AccountClosing closing, Tokens tokens, Snowflake ids,
                      AccountEvents events, Clock clock) {
        this.store = store;
        this.closing = closing;
        this.tokens = tokens;
        this.ids = ids;
        this.events = events;
        this.clock = clock;
    }

    public User create(Principal caller, String username, String displayName) {
        AccountService.requirePerson(caller);
        String name = ProfileRules.username(username);
        String shown = displayName == null ? name : ProfileRules.displayName(displayName);
        if (store.botsOf(caller.userId()).size() >= MAX_BOTS_PER_OWNER) {
            throw ParleyException.forbidden("a user may own at most " + MAX_BOTS_PER_OWNER + " bots");
        }
        NewUser bot = new NewUser(ids.next(), name, shown, null, "", clock.instant(), false, caller.userId());
        if (!store.createUser(bot)) {
            throw new ParleyException(ErrorCode.USERNAME_TAKEN, "that username is taken");
        }
        return store.findUser(bot.id()).orElseThrow();
    }

    public List<User> list(Principal caller) {
        AccountService.requirePerson(caller);
        return store.botsOf(caller.userId());
    }

    /** Makes a token for one of the caller's bots; the answer carries its secret, the only time it is shown. */
    public BotToken createToken(Principal caller, long botId, String name, boolean send, Set<Long> conversationIds) {
        owned(caller, botId);
        String tokenName = name == null ? "" : name.strip();
        if (tokenName.isEmpty() || tokenName.codePointCount(0, tokenName.length()) > MAX_TOKEN_NAME) {
            throw ParleyException.invalid("name must be 1-" + MAX_TOKEN_NAME + " characters, not blank");
        }
        if (conversationIds != null && (conversationIds.isEmpty() || conversationIds.size() > Scope.MAX_CONVERSATIONS)) {
            throw ParleyException.invalid("conversation_ids, when given, names 1-" + Scope.MAX_CONVERSATIONS + " conversations");
        }
        if (store.listSessions(botId).size() >= MAX_TOKENS_PER_BOT) {
            throw ParleyException.forbidden("a bot may have at most " + MAX_TOKENS_PER_BOT + " tokens");
        }
        Scope scope = new Scope(send ? Scope.Access.READ_SEND : Scope.Access.READ,
                conversationIds == null ? Set.of() : conversationIds);
        String secret = tokens.newToken();
        Instant now = clock.instant();
        Session session = new Session(ids.next(), botId, tokenName, now, now, scope);
        store.createSession(session, Tokens.hash(secret));
        return new BotToken(session.id(), botId, tokenName, scope, now, now, secret);
    }

    public List<BotToken> tokens(Principal caller, long botId) {
        owned(caller, botId);
        return store.listSessions(botId).stream()
                .map(s -> new BotToken(s.id(), botId, s.deviceName(), s.scope(), s.createdAt(), s.lastSeenAt(), null))
                .toList();
    }

    /** Revokes a token at once: REST refuses it and its sockets close. */
    public void revokeToken(Principal caller, long botId, long tokenId) {
        owned(caller, botId);
        if (!store.deleteSession(botId, tokenId)) {
            throw ParleyException.notFound("token");
        }
        events.sessionRevoked(botId, tokenId);
    }

    /** Deletes one of the caller's bots, as an account is deleted: its messages stay. */
    public void delete(Principal caller, long botId) {
        owned(caller, botId);
        closing.close(botId);
    }

    private Account owned(Principal caller, long botId) {
        AccountService.requirePerson(caller);
        Account bot = store.findAccount(botId).orElseThrow(() -> ParleyException.notFound("bot"));
        if (bot.botOwnerId() == null || bot.botOwnerId() != caller.userId() || bot.deleted()) {
            throw ParleyException.notFound("bot");
        }
        return bot;
    }
}
