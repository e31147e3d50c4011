package dev.parley.core.event;

/**
 * The log's answer to an append, given once the change is durable. {@code duplicate} is true when nothing
 * new was written: a post that repeated an earlier nonce (then {@code event} is the original message's), or
 * a change that was already so, such as adding a member who already is one (then {@code event} is null). A change
 * that wrote no event but changed a row (banning someone who is not a member) has a null {@code event} and
 * {@code duplicate} false.
 */
public record Appended(LogEvent event, boolean duplicate) {
    public static final Appended UNCHANGED = new Appended(null, true);
}
