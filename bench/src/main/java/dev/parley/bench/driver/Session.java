package dev.parley.bench.driver;

import java.util.concurrent.CompletableFuture;

/** One connected, authenticated client connection. Methods may be called from any thread. */
public interface Session {

  BenchUser user();

  /** The node this connection is on (0 for a target of one node). */
  default int node() {
    return 0;
  }

  /**
   * Sends a message. Completes when the server acknowledges it (see {@link Feature#SEND_ACK}; a
   * driver without acks completes once it is written), exceptionally when the server refuses it.
   */
  CompletableFuture<Void> send(Conversation to, String content);

  /**
   * Reads one history page: up to {@code limit} messages older than {@code beforePosition} (a
   * position from {@link DeliveryListener}). Completes with the number of messages returned.
   */
  CompletableFuture<Integer> history(Conversation c, String beforePosition, int limit);

  /** What this session has seen so far, for {@link ChatDriver#catchUp}. */
  CatchupMark catchupMark();

  /** False once the connection has been closed, by either side. */
  boolean isOpen();

  CompletableFuture<Void> close();
}
