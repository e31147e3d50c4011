package dev.parley.core.account;

/** The authenticated caller of a request or a gateway connection, and what its token may do. */
public record Principal(long userId, long sessionId, Scope scope) {

    /** A person's session: no limits beyond the user's own rights. */
    public Principal(long userId, long sessionId) {
        this(userId, sessionId, Scope.PERSON);
    }

    /** True for a bot's API token. */
    public boolean isBot() {
        return scope.isBotToken();
    }
}
