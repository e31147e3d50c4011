package dev.parley.bench.driver;

/**
 * An account created for the benchmark.
 *
 * @param id    the server's id for it (Parley user id, XMPP bare JID, nats: the username)
 * @param token a bearer token where the server issues one, else null
 */
public record BenchUser(String username, String password, String id, String token) {
}
