package dev.parley.bench.driver;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One kind of chat server, as the scenarios see it. Implementations are thread-safe. */
public interface ChatDriver extends AutoCloseable {

  Target target();

  Set<Feature> features();

  /** Creates an account. */
  CompletableFuture<BenchUser> createUser(String username, String password);

  /** Opens a connection for {@code user}; completes once it is ready to send and receive. */
  CompletableFuture<Session> connect(BenchUser user, DeliveryListener listener);

  /**
   * Creates a room whose members are the users of {@code members} (the first is its owner) and
   * completes once every one of those sessions will receive what is sent to it.
   */
  CompletableFuture<Conversation> createRoom(String name, List<Session> members);

  /** Opens the DM between the users of two sessions. */
  CompletableFuture<Conversation> openDm(Session a, Session b);

  /** Reconnects {@code user} as of {@code mark} and times the catch-up ({@link Feature#CATCHUP}). */
  CompletableFuture<CatchupTiming> catchUp(BenchUser user, CatchupMark mark);

  @Override
  void close();
}
