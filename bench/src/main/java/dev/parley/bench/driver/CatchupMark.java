package dev.parley.bench.driver;

import java.util.Map;

/**
 * How far a session had read when it went away: for Parley the last seq seen per conversation id,
 * for XMPP the last archive id seen under the key {@code ""}.
 */
public record CatchupMark(Map<String, String> positions) {
}
