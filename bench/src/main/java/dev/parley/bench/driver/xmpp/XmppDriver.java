package dev.parley.bench.driver.xmpp;

import dev.parley.bench.Async;
import dev.parley.bench.Json;
import dev.parley.bench.driver.EventLoops;
import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.CatchupMark;
import dev.parley.bench.driver.CatchupTiming;
import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.DeliveryListener;
import dev.parley.bench.driver.Feature;
import dev.parley.bench.driver.ServerError;
import dev.parley.bench.driver.Session;
import dev.parley.bench.driver.Target;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * ejabberd (or another XMPP server) over XMPP-over-WebSocket at {@code <url>/ws}; accounts through
 * ejabberd's HTTP API {@code <url>/api/register}; rooms are MUC rooms on {@code conference.<domain>}.
 */
public final class XmppDriver implements ChatDriver {

  private static final int JOINS_IN_FLIGHT = 32;
  private static final int MAM_PAGE = 100;
  private static final String INSTANT_ROOM = "<query xmlns='http://jabber.org/protocol/muc#owner'>"
      + "<x xmlns='jabber:x:data' type='submit'/></query>";

  private final Target target;
  private final String domain;
  private final Vertx vertx = Vertx.vertx();
  private final EventLoops loops = new EventLoops(vertx, Math.max(2, Runtime.getRuntime().availableProcessors()));
  private final WebSocketClient webSockets;
  private final WebSocketConnectOptions ws;
  private final HttpClient http = HttpClient.newHttpClient();

  /** @param localAddress local IP to connect from, or null */
  public XmppDriver(Target target, String domain, String localAddress) {
    this.target = target;
    this.domain = domain;
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
    this.ws = new WebSocketConnectOptions()
        .setHost(target.uri().getHost())
        .setPort(target.port())
        .setSsl(target.url().startsWith("https"))
        .setURI("/ws")
        .addSubProtocol("xmpp");
  }

  EventLoops loops() {
    return loops;
  }

  WebSocketClient webSockets() {
    return webSockets;
  }

  WebSocketConnectOptions wsOptions() {
    return ws;
  }

  String domain() {
    return domain;
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
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(Map.of("user", username, "host", domain, "password", password));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return CompletableFuture.failedFuture(e);
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(target.url().replaceAll("/+$", "") + "/api/register"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
      if (r.statusCode() != 200) {
        throw new ServerError("http_" + r.statusCode(), r.body());
      }
      return new BenchUser(username, password, username + "@" + domain, null);
    });
  }

  @Override
  public CompletableFuture<Session> connect(BenchUser user, DeliveryListener listener, int node) {
    return XmppSession.open(this, user, listener).thenApply(s -> s);
  }

  @Override
  public CompletableFuture<Conversation> createRoom(String name, List<Session> members) {
    String room = name + "@conference." + domain;
    XmppSession owner = (XmppSession) members.getFirst();
    List<BenchUser> users = members.stream().map(Session::user).toList();
    return owner.joinRoom(room)
        .thenCompose(v -> owner.iq("set", room, INSTANT_ROOM))
        .thenCompose(v -> Async.mapBounded(members.subList(1, members.size()), JOINS_IN_FLIGHT,
            m -> ((XmppSession) m).joinRoom(room)))
        .thenApply(v -> new Conversation(room, false, users));
  }

  @Override
  public CompletableFuture<Conversation> openDm(Session a, Session b) {
    return CompletableFuture.completedFuture(
        new Conversation(a.user().id() + "|" + b.user().id(), true, List.of(a.user(), b.user())));
  }

  /**
   * XMPP's nearest equivalent of a Parley resume: log in afresh and page through the own message
   * archive (MAM) from the last archived message seen; timed from opening the stream to the last page.
   */
  @Override
  public CompletableFuture<CatchupTiming> catchUp(BenchUser user, CatchupMark mark, int node) {
    return XmppSession.open(this, user, DeliveryListener.IGNORE).thenCompose(s ->
        fetchAfter(s, mark.positions().get(""), 0).thenCompose(events -> {
          long nanos = System.nanoTime() - s.loginStartNanos();
          return s.close().thenApply(v -> new CatchupTiming(nanos, events));
        }));
  }

  private CompletableFuture<Integer> fetchAfter(XmppSession s, String after, int soFar) {
    return s.mam(null, after == null ? "" : "<after>" + after + "</after>", MAM_PAGE).thenCompose(page ->
        page.complete() || page.count() == 0
            ? CompletableFuture.completedFuture(soFar + page.count())
            : fetchAfter(s, page.last(), soFar + page.count()));
  }

  @Override
  public void close() {
    http.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
