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
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Parley through its REST API and WebSocket gateway (docs: shared/spec/api.md), on one node or spread over the
 * nodes of a cluster: each session's socket and REST calls go to its node; accounts are created on the nodes in
 * turn.
 */
public final class ParleyDriver implements ChatDriver {

  private static final int MEMBER_ADDS_IN_FLIGHT = 16;

  private final Target target;
  private final Vertx vertx = Vertx.vertx();
  private final EventLoops loops = new EventLoops(vertx, Math.max(2, Runtime.getRuntime().availableProcessors()));
  private final WebSocketClient webSockets;
  private final List<ParleyRest> rest;
  private final List<WebSocketConnectOptions> gateways;
  private final AtomicInteger nextNode = new AtomicInteger();

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
    HttpClientAgent reads = vertx.createHttpClient(new HttpClientOptions().setTcpNoDelay(true).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(64));
    this.rest = IntStream.range(0, target.nodes()).mapToObj(i -> new ParleyRest(target.url(i), reads)).toList();
    this.gateways = IntStream.range(0, target.nodes()).mapToObj(i -> new WebSocketConnectOptions()
        .setHost(target.uri(i).getHost())
        .setPort(target.port(i))
        .setSsl(target.url(i).startsWith("https"))
        .setURI("/gateway")).toList();
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

  /** The REST API of node {@code node}. */
  ParleyRest rest(int node) {
    return rest.get(node);
  }

  WebSocketConnectOptions gatewayOptions(int node) {
    return gateways.get(node);
  }

  /** The next node in turn, for calls that may go to any. */
  private int anyNode() {
    return Math.floorMod(nextNode.getAndIncrement(), rest.size());
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
    return rest(anyNode()).call("POST", "/auth/register", null, Map.of("username", username, "password", password))
        .thenApply(j -> new BenchUser(username, password, j.path("user").path("id").asText(), j.path("token").asText()));
  }

  @Override
  public CompletableFuture<Session> connect(BenchUser user, DeliveryListener listener, int node) {
    return ParleySession.open(this, user, listener, null, node).thenApply(s -> s);
  }

  @Override
  public CompletableFuture<Conversation> createRoom(String name, List<Session> members) {
    BenchUser owner = members.getFirst().user();
    ParleyRest api = rest(members.getFirst().node());
    List<BenchUser> users = members.stream().map(Session::user).toList();
    return api.call("POST", "/channels", owner.token(), Map.of("name", name, "visibility", "private"))
        .thenCompose(channel -> {
          String id = channel.path("id").asText();
          return Async.mapBounded(users.subList(1, users.size()), MEMBER_ADDS_IN_FLIGHT,
                  u -> api.call("PUT", "/channels/" + id + "/members/" + u.id(), owner.token(), null))
              .thenApply(done -> new Conversation(id, false, users));
        });
  }

  @Override
  public CompletableFuture<Conversation> openDm(Session a, Session b) {
    return rest(a.node()).call("POST", "/dms", a.user().token(), Map.of("username", b.user().username()))
        .thenApply(j -> new Conversation(j.path("id").asText(), true, List.of(a.user(), b.user())));
  }

  /** A page of a channel's members: how many it held and the cursor of the next (null after the last). */
  public record MemberPage(int members, String nextCursor) {
  }

  /** Creates a public channel owned by {@code owner}, through node {@code node}; completes with its id. */
  public CompletableFuture<String> createPublicChannel(BenchUser owner, String name, int node) {
    return rest(node).call("POST", "/channels", owner.token(), Map.of("name", name, "visibility", "public"))
        .thenApply(j -> j.path("id").asText());
  }

  /** {@code user} joins the public channel {@code id} through node {@code node}. */
  public CompletableFuture<Void> join(BenchUser user, String id, int node) {
    return rest(node).call("POST", "/channels/" + id + "/join", user.token(), null).thenApply(j -> null);
  }

  /** {@code user} leaves channel {@code id} through node {@code node}. */
  public CompletableFuture<Void> leave(BenchUser user, String id, int node) {
    return rest(node).call("POST", "/channels/" + id + "/leave", user.token(), null).thenApply(j -> null);
  }

  /** The owner renames channel {@code id} through node {@code node}. */
  public CompletableFuture<Void> rename(BenchUser owner, String id, String name, int node) {
    return rest(node).call("PATCH", "/channels/" + id, owner.token(), Map.of("name", name)).thenApply(j -> null);
  }

  /** One page of channel {@code id}'s members after {@code cursor} (null: the first), read by a member. */
  public CompletableFuture<MemberPage> members(BenchUser reader, String id, String cursor, int limit, int node) {
    String path = "/channels/" + id + "/members?limit=" + limit
        + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
    return rest(node).call("GET", path, reader.token(), null).thenApply(j -> new MemberPage(j.path("members").size(),
        j.path("next_cursor").isNull() || j.path("next_cursor").isMissingNode() ? null : j.path("next_cursor").asText()));
  }

  /** The latest seq of a conversation, read with {@code token} (for history on a preloaded conversation). */
  public CompletableFuture<Long> lastSeq(String token, String conversationId) {
    return rest(0).call("GET", "/conversations/" + conversationId, token, null)
        .thenApply(j -> j.path("last_seq").asLong());
  }

  @Override
  public CompletableFuture<CatchupTiming> catchUp(BenchUser user, CatchupMark mark, int node) {
    Map<String, Long> cursors = mark.positions().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.parseLong(e.getValue())));
    return ParleySession.open(this, user, DeliveryListener.IGNORE, cursors, node)
        .thenCompose(s -> s.close().thenApply(v -> s.catchupTiming()));
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
