package dev.parley.bench.driver.nats;

import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.CatchupMark;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.Session;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;

/** One NATS connection; its rooms are subjects it subscribes to. */
final class NatsSession implements Session {

  private final BenchUser user;
  private final Connection connection;
  private final Dispatcher dispatcher;
  private final ExecutorService blocking;

  NatsSession(BenchUser user, Connection connection, Dispatcher dispatcher, ExecutorService blocking) {
    this.user = user;
    this.connection = connection;
    this.dispatcher = dispatcher;
    this.blocking = blocking;
  }

  /** Subscribes to {@code subject}; completes once the server has registered it. */
  CompletableFuture<Void> subscribe(String subject) {
    return CompletableFuture.runAsync(() -> {
      dispatcher.subscribe(subject);
      try {
        connection.flush(Duration.ofSeconds(10));
      } catch (TimeoutException | InterruptedException e) {
        throw new IllegalStateException("subscribe " + subject + ": " + e, e);
      }
    }, blocking);
  }

  @Override
  public BenchUser user() {
    return user;
  }

  /** Publishes; NATS core has no acknowledgement, so this completes at once. */
  @Override
  public CompletableFuture<Void> send(Conversation to, String content) {
    connection.publish(to.id(), content.getBytes(StandardCharsets.UTF_8));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<HistoryRead> history(Conversation c, String beforePosition, int limit) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("nats keeps no history"));
  }

  @Override
  public CatchupMark catchupMark() {
    throw new UnsupportedOperationException("nats has no catch-up");
  }

  @Override
  public boolean isOpen() {
    return connection.getStatus() == Connection.Status.CONNECTED;
  }

  @Override
  public CompletableFuture<Void> close() {
    return CompletableFuture.runAsync(() -> {
      try {
        connection.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, blocking);
  }
}
