package dev.parley.bench.driver;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One kind of chat server, as the scenarios see it. A target of several nodes (a Parley cluster) numbers them
 * 0 to {@link #nodes()} - 1; a scenario says on which node each connection sits, and calls made for a session
 * go to that session's node. Implementations are thread-safe.
 */
public interface ChatDriver extends AutoCloseable {

  Target target();

  /** How many nodes the target has. */
  default int nodes() {
    return target().nodes();
  }

  Set<Feature> features();

  /** Creates an account (on any node). */
  CompletableFuture<BenchUser> createUser(String username, String password);

  /** Opens a connection for {@code user} to node {@code node}; completes once it is ready to send and receive. */
  CompletableFuture<Session> connect(BenchUser user, DeliveryListener listener, int node);

  /**
   * Creates a room whose members are the users of {@code members} (the first is its owner) and
   * completes once every one of those sessions will receive what is sent to it.
   */
  CompletableFuture<Conversation> createRoom(String name, List<Session> members);

  /** Opens the DM between the users of two sessions. */
  CompletableFuture<Conversation> openDm(Session a, Session b);

  /** Reconnects {@code user} to node {@code node} as of {@code mark} and times the catch-up ({@link Feature#CATCHUP}). */
  CompletableFuture<CatchupTiming> catchUp(BenchUser user, CatchupMark mark, int node);

  @Override
  void close();
}
