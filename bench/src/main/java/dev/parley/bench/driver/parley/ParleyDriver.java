package dev.parley.bench.driver.parley;

import dev.parley.bench.Async;
import dev.parley.bench.driver.EventLoops;
import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.CatchupMark;
import dev.parley.bench.driver.CatchupTiming;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.DeliveryListener;
import dev.parley.bench.driver.Feature;
import dev.parley.bench.driver.Session;
import dev.parley.bench.driver.Target;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Parley through its REST API and WebSocket gateway (docs: shared/spec/api.md). */
public final class ParleyDriver implements ChatDriver {

  private static final int MEMBER_ADDS_IN_FLIGHT = 16;

  private final Target target;
  private final Vertx vertx = Vertx.vertx();
  private final EventLoops loops = new EventLoops(vertx, Math.max(2, Runtime.getRuntime().availableProcessors()));
  private final WebSocketClient webSockets;
  private final ParleyRest rest;
  private final WebSocketConnectOptions gateway;

  /** @param localAddress local IP to connect from (to spread ports over 127.0.0.x), or null */
  public ParleyDriver(Target target, String localAddress) {
    this.target = target;
    WebSocketClientOptions options = new WebSocketClientOptions()
        .setMaxConnections(Integer.MAX_VALUE)
        .setMaxFrameSize(1 << 20)
        .setMaxMessageSize(16 << 20)
        .setTcpNoDelay(true)
        .setConnectTimeout(30_000);
    if (localAddress != null) {
      options.setLocalAddress(localAddress);
    }
    this.webSockets = vertx.createWebSocketClient(options);
    this.rest = new ParleyRest(target.url());
    this.gateway = new WebSocketConnectOptions()
        .setHost(target.uri().getHost())
        .setPort(target.port())
        .setSsl(target.url().startsWith("https"))
        .setURI("/gateway");
  }

  EventLoops loops() {
    return loops;
  }

  Vertx vertx() {
    return vertx;
  }

  WebSocketClient webSockets() {
    return webSockets;
  }

  ParleyRest rest() {
    return rest;
  }

  WebSocketConnectOptions gatewayOptions() {
    return gateway;
  }

  @Override
  public Target target() {
    return target;
  }

  @Override
  public Set<Feature> features() {
    return EnumSet.allOf(Feature.class);
  }

  @Override
  public CompletableFuture<BenchUser> createUser(String username, String password) {
    return rest.call("POST", "/auth/register", null, Map.of("username", username, "password", password))
        .thenApply(j -> new BenchUser(username, password, j.path("user").path("id").asText(), j.path("token").asText()));
  }

  @Override
  public CompletableFuture<Session> connect(BenchUser user, DeliveryListener listener) {
    return ParleySession.open(this, user, listener, null).thenApply(s -> s);
  }

  @Override
  public CompletableFuture<Conversation> createRoom(String name, List<Session> members) {
    BenchUser owner = members.getFirst().user();
    List<BenchUser> users = members.stream().map(Session::user).toList();
    return rest.call("POST", "/channels", owner.token(), Map.of("name", name, "visibility", "private"))
        .thenCompose(channel -> {
          String id = channel.path("id").asText();
          return Async.mapBounded(users.subList(1, users.size()), MEMBER_ADDS_IN_FLIGHT,
                  u -> rest.call("PUT", "/channels/" + id + "/members/" + u.id(), owner.token(), null))
              .thenApply(done -> new Conversation(id, false, users));
        });
  }

  @Override
  public CompletableFuture<Conversation> openDm(Session a, Session b) {
    return rest.call("POST", "/dms", a.user().token(), Map.of("username", b.user().username()))
        .thenApply(j -> new Conversation(j.path("id").asText(), true, List.of(a.user(), b.user())));
  }

  /** The latest seq of a conversation, read with {@code token} (for history on a preloaded conversation). */
  public CompletableFuture<Long> lastSeq(String token, String conversationId) {
    return rest.call("GET", "/conversations/" + conversationId, token, null)
        .thenApply(j -> j.path("last_seq").asLong());
  }

  @Override
  public CompletableFuture<CatchupTiming> catchUp(BenchUser user, CatchupMark mark) {
    Map<String, Long> cursors = mark.positions().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.parseLong(e.getValue())));
    return ParleySession.open(this, user, DeliveryListener.IGNORE, cursors)
        .thenCompose(s -> s.close().thenApply(v -> s.catchupTiming()));
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
