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
   * position from {@link DeliveryListener}). Completes with the number of messages returned and
   * when the page's last byte arrived.
   */
  CompletableFuture<HistoryRead> history(Conversation c, String beforePosition, int limit);

  /**
   * A history page as received, timed by the driver from the moment its connection wrote the
   * request ({@code sentNanos}, {@link System#nanoTime}) to the moment it had the whole answer
   * ({@code receivedNanos}), before the tool parsed it: the tool's own thread hand-offs and parsing
   * are not the server's time.
   */
  record HistoryRead(int count, long sentNanos, long receivedNanos) {}

  /** What this session has seen so far, for {@link ChatDriver#catchUp}. */
  CatchupMark catchupMark();

  /** False once the connection has been closed, by either side. */
  boolean isOpen();

  CompletableFuture<Void> close();
}
