package dev.parley.bench.driver.parley;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.bench.Json;
import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.CatchupMark;
import dev.parley.bench.driver.CatchupTiming;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.DeliveryListener;
import dev.parley.bench.driver.ServerError;
import dev.parley.bench.driver.Session;
import io.vertx.core.http.ClientWebSocket;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One gateway connection: HELLO, IDENTIFY, READY, catch-up, CATCHUP_DONE, then heartbeats, SEND
 * with SEND_ACK, and MESSAGE_CREATE events.
 */
final class ParleySession implements Session {

  private static final String HEARTBEAT = "{\"op\":\"HEARTBEAT\",\"d\":{}}";

  private final ParleyDriver driver;
  private final BenchUser user;
  private final DeliveryListener listener;
  private final Map<String, Long> cursors;
  private final int node;
  private final CompletableFuture<ParleySession> ready = new CompletableFuture<>();
  private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
  private final Map<String, Long> seen = new ConcurrentHashMap<>();
  private final String noncePrefix = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  private final AtomicLong nonces = new AtomicLong();
  private volatile ClientWebSocket ws;
  private volatile long heartbeatTimer = -1;
  // written on the connection's event loop before `ready` completes, read after it
  private long identifySentNanos;
  private long catchupDoneNanos;
  private int catchupEvents;

  private ParleySession(ParleyDriver driver, BenchUser user, DeliveryListener listener, Map<String, Long> cursors,
                        int node) {
    this.driver = driver;
    this.user = user;
    this.listener = listener;
    this.cursors = cursors;
    this.node = node;
  }

  /** Connects to node {@code node} and identifies; completes after CATCHUP_DONE. {@code cursors} may be null. */
  static CompletableFuture<ParleySession> open(ParleyDriver driver, BenchUser user, DeliveryListener listener,
                                              Map<String, Long> cursors, int node) {
    ParleySession s = new ParleySession(driver, user, listener, cursors, node);
    driver.loops().onNext(() -> {
      s.ws = driver.webSockets().webSocket();
      s.ws.textMessageHandler(s::onFrame)
          .closeHandler(v -> s.onClose())
          .exceptionHandler(e -> s.ready.completeExceptionally(e));
      s.ws.connect(driver.gatewayOptions(node)).onFailure(s.ready::completeExceptionally);
    });
    return s.ready;
  }

  /** Time from IDENTIFY to CATCHUP_DONE of this connection and the log events replayed in between. */
  CatchupTiming catchupTiming() {
    return new CatchupTiming(catchupDoneNanos - identifySentNanos, catchupEvents);
  }

  @Override
  public BenchUser user() {
    return user;
  }

  @Override
  public int node() {
    return node;
  }

  @Override
  public CompletableFuture<Void> send(Conversation to, String content) {
    String nonce = noncePrefix + '.' + nonces.incrementAndGet();
    CompletableFuture<Void> acked = new CompletableFuture<>();
    pending.put(nonce, acked);
    ObjectNode frame = Json.MAPPER.createObjectNode().put("op", "SEND");
    frame.putObject("d").put("conversation_id", to.id()).put("content", content).put("nonce", nonce);
    ws.writeTextMessage(frame.toString()).onFailure(e -> fail(nonce, e));
    return acked;
  }

  @Override
  public CompletableFuture<HistoryRead> history(Conversation c, String beforePosition, int limit) {
    String path = "/conversations/" + c.id() + "/messages?before_seq=" + beforePosition + "&limit=" + limit;
    return driver.rest(node).read(path, user.token())
        .thenApply(r -> new HistoryRead(ParleyRest.arraySize(r.body(), "messages"), r.sentNanos(), r.receivedNanos()));
  }

  @Override
  public CatchupMark catchupMark() {
    return new CatchupMark(seen.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.toString(e.getValue()))));
  }

  @Override
  public boolean isOpen() {
    return !ws.isClosed();
  }

  @Override
  public CompletableFuture<Void> close() {
    cancelHeartbeat();
    return ws.close().toCompletionStage().toCompletableFuture();
  }

  /**
   * Reads a frame with a streaming parser: the top-level fields, and for MESSAGE_CREATE only the message's content and
   * seq, so that the tool's cost per delivered frame (most of its CPU in fan-out) stays small. Other frames' {@code d}
   * is read as a tree.
   */
  private void onFrame(String text) {
    String op = "";
    JsonNode d = MissingNode.getInstance();
    String conversation = "";
    long seq = 0;
    boolean hasSeq = false;
    String[] message = null;
    try (JsonParser p = Json.MAPPER.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a frame that is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "op" -> op = p.getText();
          case "conversation_id" -> conversation = p.getText();
          case "seq" -> {
            seq = p.getValueAsLong();
            hasSeq = true;
          }
          case "d" -> {
            if (op.equals("MESSAGE_CREATE") && value == JsonToken.START_OBJECT) {
              message = contentAndSeq(p);
            } else {
              JsonNode tree = p.readValueAsTree();
              d = tree == null ? MissingNode.getInstance() : tree;
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
      return;
    }
    if (hasSeq) {
      seen.merge(conversation, seq, Math::max);
      if (!ready.isDone()) {
        catchupEvents++;
      }
    }
    if (message != null) {
      listener.onMessage(message[0], message[1]);
      return;
    }
    switch (op) {
      case "HELLO" -> identify(d.path("heartbeat_interval_ms").asLong(30_000));
      case "READY" -> d.path("conversations").forEach(c ->
          seen.merge(c.path("id").asText(), c.path("last_seq").asLong(), Math::max));
      case "CATCHUP_TRUNCATED" -> catchupEvents++;
      case "CATCHUP_DONE" -> {
        catchupDoneNanos = System.nanoTime();
        ready.complete(this);
      }
      case "MESSAGE_CREATE" -> {
        JsonNode m = d.path("message");
        listener.onMessage(m.path("content").asText(), m.path("seq").asText());
      }
      case "SEND_ACK" -> {
        CompletableFuture<Void> acked = pending.remove(d.path("nonce").asText());
        if (acked != null) {
          acked.complete(null);
        }
      }
      case "ERROR" -> {
        JsonNode err = d.path("error");
        ServerError e = new ServerError(err.path("code").asText("error"), err.path("message").asText());
        if (d.hasNonNull("nonce")) {
          fail(d.path("nonce").asText(), e);
        } else {
          ready.completeExceptionally(e);
        }
      }
      default -> {
        if (hasSeq && ready.isDone()) {
          listener.onEvent(op, conversation);
        }
      }
    }
  }

  /** Inside a MESSAGE_CREATE's {@code d}: the message's content and seq as text ("" when absent). */
  private static String[] contentAndSeq(JsonParser p) throws IOException {
    String[] contentAndSeq = {"", ""};
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("message") && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          switch (name) {
            case "content" -> contentAndSeq[0] = p.getText();
            case "seq" -> contentAndSeq[1] = p.getText();
            default -> p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return contentAndSeq;
  }

  private void identify(long heartbeatMs) {
    heartbeatTimer = driver.vertx().setPeriodic(heartbeatMs, id -> ws.writeTextMessage(HEARTBEAT));
    ObjectNode frame = Json.MAPPER.createObjectNode().put("op", "IDENTIFY");
    ObjectNode d = frame.putObject("d").put("token", user.token());
    if (cursors != null) {
      ObjectNode c = d.putObject("cursors");
      cursors.forEach(c::put);
    }
    identifySentNanos = System.nanoTime();
    ws.writeTextMessage(frame.toString());
  }

  private void fail(String nonce, Throwable e) {
    CompletableFuture<Void> acked = pending.remove(nonce);
    if (acked != null) {
      acked.completeExceptionally(e);
    }
  }

  private void onClose() {
    cancelHeartbeat();
    Short code = ws.closeStatusCode();
    ServerError closed = new ServerError("closed_" + code, String.valueOf(ws.closeReason()));
    ready.completeExceptionally(closed);
    pending.keySet().forEach(nonce -> fail(nonce, closed));
  }

  private void cancelHeartbeat() {
    if (heartbeatTimer >= 0) {
      driver.vertx().cancelTimer(heartbeatTimer);
    }
  }
}
