package dev.parley.bench.driver.nats;

import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.CatchupMark;
import dev.parley.bench.driver.CatchupTiming;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.DeliveryListener;
import dev.parley.bench.driver.Feature;
import dev.parley.bench.driver.Session;
import dev.parley.bench.driver.Target;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * nats-server as the raw fan-out ceiling: a room is a subject, each member a connection subscribed
 * to it. Only the fan-out shape is meaningful here. All connections share virtual-thread executors,
 * so thousands of connections do not cost thousands of platform threads.
 */
public final class NatsDriver implements ChatDriver {

  private final Target target;
  private final NatsServer ownServer;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);

  private NatsDriver(Target target, NatsServer ownServer) {
    this.target = target;
    this.ownServer = ownServer;
  }

  /** Drives the nats-server at the target's url, or starts one when the url is null. */
  public static NatsDriver open(Target target) throws IOException, InterruptedException {
    if (target.url() != null) {
      return new NatsDriver(target, null);
    }
    NatsServer server = NatsServer.start();
    return new NatsDriver(target.withUrl(server.url()).withServerPid(server.pid()), server);
  }

  @Override
  public Target target() {
    return target;
  }

  @Override
  public Set<Feature> features() {
    return Set.of();
  }

  @Override
  public CompletableFuture<BenchUser> createUser(String username, String password) {
    return CompletableFuture.completedFuture(new BenchUser(username, password, username, null));
  }

  @Override
  public CompletableFuture<Session> connect(BenchUser user, DeliveryListener listener, int node) {
    Options options = new Options.Builder()
        .server(target.url())
        .connectionName(user.username())
        .executor(threads)
        .callbackExecutor(threads)
        .connectExecutor(threads)
        .scheduledExecutor(timers)
        .noReconnect()
        .build();
    return CompletableFuture.supplyAsync(() -> {
      try {
        Connection c = Nats.connect(options);
        Dispatcher d = c.createDispatcher(m -> listener.onMessage(new String(m.getData(), StandardCharsets.UTF_8), null));
        return new NatsSession(user, c, d, threads);
      } catch (IOException e) {
        throw new CompletionException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException(e);
      }
    }, threads);
  }

  @Override
  public CompletableFuture<Conversation> createRoom(String name, List<Session> members) {
    String subject = "room." + name;
    return CompletableFuture.allOf(members.stream()
            .map(m -> ((NatsSession) m).subscribe(subject))
            .toArray(CompletableFuture[]::new))
        .thenApply(v -> new Conversation(subject, false, members.stream().map(Session::user).toList()));
  }

  @Override
  public CompletableFuture<Conversation> openDm(Session a, Session b) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("nats is measured on fan-out only"));
  }

  @Override
  public CompletableFuture<CatchupTiming> catchUp(BenchUser user, CatchupMark mark, int node) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("nats has no catch-up"));
  }

  @Override
  public void close() {
    threads.shutdownNow();
    timers.shutdownNow();
    if (ownServer != null) {
      ownServer.close();
    }
  }
}
