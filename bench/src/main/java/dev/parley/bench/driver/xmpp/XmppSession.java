package dev.parley.bench.driver.xmpp;

import dev.parley.bench.driver.BenchUser;
import dev.parley.bench.driver.CatchupMark;
import dev.parley.bench.driver.Conversation;
import dev.parley.bench.driver.DeliveryListener;
import dev.parley.bench.driver.ServerError;
import dev.parley.bench.driver.Session;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal XMPP client over WebSocket (RFC 7395): SASL PLAIN, resource binding, initial presence,
 * stream management (XEP-0198) whose {@code <a h/>} answers serve as send acknowledgements, MUC
 * joins, messages and MAM queries. All state is touched only on the connection's event loop.
 */
final class XmppSession implements Session {

  private static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
  private static final String SM = "urn:xmpp:sm:3";
  private static final String MAM = "urn:xmpp:mam:2";
  private static final String MUC_USER = "http://jabber.org/protocol/muc#user";

  private final XmppDriver driver;
  private final BenchUser user;
  private final DeliveryListener listener;
  private final String resource = "r" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  private final CompletableFuture<XmppSession> ready = new CompletableFuture<>();
  private final NavigableMap<Long, CompletableFuture<Void>> unacked = new TreeMap<>();
  private final Map<String, CompletableFuture<Xml>> iqs = new HashMap<>();
  private final Map<String, CompletableFuture<Void>> joins = new HashMap<>();
  private final Map<String, int[]> mamCounts = new HashMap<>();
  private final Map<String, String> mamLast = new HashMap<>();
  private volatile ClientWebSocket ws;
  private volatile Context context;
  private boolean authenticated;
  private boolean smEnabled;
  private long outStanzas;
  private long inStanzas;
  private long ids;
  private long loginStartNanos;
  private volatile String lastArchiveId;

  private XmppSession(XmppDriver driver, BenchUser user, DeliveryListener listener) {
    this.driver = driver;
    this.user = user;
    this.listener = listener;
  }

  /** Connects, logs in and completes once stream management is on. */
  static CompletableFuture<XmppSession> open(XmppDriver driver, BenchUser user, DeliveryListener listener) {
    XmppSession s = new XmppSession(driver, user, listener);
    driver.loops().onNext(() -> {
      s.ws = driver.webSockets().webSocket();
      s.ws.textMessageHandler(s::onFrame)
          .closeHandler(v -> s.onClose())
          .exceptionHandler(e -> s.ready.completeExceptionally(e));
      s.ws.connect(driver.wsOptions())
          .onSuccess(w -> {
            s.context = Vertx.currentContext();
            s.loginStartNanos = System.nanoTime();
            s.ws.writeTextMessage(s.openStream());
          })
          .onFailure(s.ready::completeExceptionally);
    });
    return s.ready;
  }

  /** When the login began (stream opened on an established WebSocket). */
  long loginStartNanos() {
    return loginStartNanos;
  }

  @Override
  public BenchUser user() {
    return user;
  }

  @Override
  public CompletableFuture<Void> send(Conversation to, String content) {
    String address = to.dm() ? to.peerOf(user).id() : to.id();
    String type = to.dm() ? "chat" : "groupchat";
    CompletableFuture<Void> acked = new CompletableFuture<>();
    onLoop(() -> {
      String stanza = "<message to='" + address + "' type='" + type + "' id='m" + (++ids) + "'><body>"
          + Xml.escape(content) + "</body></message>";
      unacked.put(write(stanza), acked);
      ws.writeTextMessage("<r xmlns='" + SM + "'/>");
    });
    return acked;
  }

  @Override
  public CompletableFuture<HistoryRead> history(Conversation c, String beforePosition, int limit) {
    return mam(c.id(), "<before>" + beforePosition + "</before>", limit)
        .thenApply(page -> new HistoryRead(page.count(), page.sentNanos(), page.receivedNanos()));
  }

  @Override
  public CatchupMark catchupMark() {
    String last = lastArchiveId;
    return new CatchupMark(last == null ? Map.of() : Map.of("", last));
  }

  @Override
  public boolean isOpen() {
    return !ws.isClosed();
  }

  @Override
  public CompletableFuture<Void> close() {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    onLoop(() -> {
      ws.writeTextMessage("<close xmlns='" + FRAMING + "'/>");
      ws.close().onComplete(ar -> closed.complete(null));
    });
    return closed;
  }

  /** Enters a MUC room under this user's name; completes on the room's self-presence. */
  CompletableFuture<Void> joinRoom(String roomJid) {
    CompletableFuture<Void> joined = new CompletableFuture<>();
    onLoop(() -> {
      joins.put(roomJid, joined);
      write("<presence to='" + roomJid + "/" + user.username() + "'><x xmlns='http://jabber.org/protocol/muc'>"
          + "<history maxstanzas='0'/></x></presence>");
    });
    return joined;
  }

  /** Sends an IQ; completes with its result, exceptionally on an error answer. {@code to} may be null. */
  CompletableFuture<Xml> iq(String type, String to, String payload) {
    CompletableFuture<Xml> answer = new CompletableFuture<>();
    onLoop(() -> sendIq(type, to, "q" + (++ids), payload, answer));
    return answer;
  }

  /**
   * Queries the message archive of {@code archive} (a room JID, or null for this user's own) with
   * the RSM elements {@code rsm} plus {@code <max>}.
   */
  CompletableFuture<MamPage> mam(String archive, String rsm, int max) {
    CompletableFuture<MamPage> page = new CompletableFuture<>();
    onLoop(() -> {
      String queryId = "mam" + (++ids);
      mamCounts.put(queryId, new int[1]);
      CompletableFuture<Xml> answer = new CompletableFuture<>();
      long sent = System.nanoTime();
      answer.whenComplete((result, e) -> { // runs on the event loop, which completes it
        long received = System.nanoTime();
        int count = mamCounts.remove(queryId)[0];
        String last = mamLast.remove(queryId);
        if (e != null) {
          page.completeExceptionally(e);
        } else {
          Xml fin = result.child("fin", MAM);
          page.complete(new MamPage(count, last, fin != null && "true".equals(fin.attr("complete")), sent, received));
        }
      });
      sendIq("set", archive, queryId, "<query xmlns='" + MAM + "' queryid='" + queryId + "'>"
          + "<set xmlns='http://jabber.org/protocol/rsm'><max>" + max + "</max>" + rsm + "</set></query>", answer);
    });
    return page;
  }

  private void sendIq(String type, String to, String id, String payload, CompletableFuture<Xml> answer) {
    iqs.put(id, answer);
    write("<iq type='" + type + "' id='" + id + "'" + (to == null ? "" : " to='" + to + "'") + ">" + payload + "</iq>");
  }

  private String openStream() {
    return "<open xmlns='" + FRAMING + "' to='" + driver.domain() + "' version='1.0'/>";
  }

  /** Writes a stanza; returns its stream-management number. */
  private long write(String stanza) {
    if (smEnabled) {
      outStanzas++;
    }
    ws.writeTextMessage(stanza);
    return outStanzas;
  }

  private void onLoop(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private void onFrame(String text) {
    Xml x = Xml.parse(text);
    switch (x.name()) {
      case "features" -> onFeatures();
      case "success" -> {
        authenticated = true;
        ws.writeTextMessage(openStream());
      }
      case "failure" -> ready.completeExceptionally(new ServerError("sasl_failure", text));
      case "enabled" -> {
        smEnabled = true;
        ready.complete(this);
      }
      case "r" -> ws.writeTextMessage("<a xmlns='" + SM + "' h='" + inStanzas + "'/>");
      case "a" -> onAck(Long.parseLong(x.attr("h")));
      case "message" -> {
        countInbound();
        onMessage(x);
      }
      case "presence" -> {
        countInbound();
        onPresence(x);
      }
      case "iq" -> {
        countInbound();
        onIq(x);
      }
      case "close" -> ws.close();
      default -> { } // <open/> and anything else
    }
  }

  private void onFeatures() {
    if (!authenticated) {
      String plain = "\0" + user.username() + "\0" + user.password();
      ws.writeTextMessage("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
          + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)) + "</auth>");
      return;
    }
    CompletableFuture<Xml> bound = new CompletableFuture<>();
    sendIq("set", null, "bind", "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
        + "</resource></bind>", bound);
    bound.whenComplete((r, e) -> {
      if (e != null) {
        ready.completeExceptionally(e);
        return;
      }
      write("<presence/>");
      ws.writeTextMessage("<enable xmlns='" + SM + "'/>");
    });
  }

  private void countInbound() {
    if (smEnabled) {
      inStanzas++;
    }
  }

  private void onAck(long handled) {
    NavigableMap<Long, CompletableFuture<Void>> done = unacked.headMap(handled, true);
    List<CompletableFuture<Void>> acked = new ArrayList<>(done.values());
    done.clear();
    acked.forEach(f -> f.complete(null));
  }

  private void onMessage(Xml x) {
    Xml result = x.child("result", MAM);
    if (result != null) {
      int[] count = mamCounts.get(result.attr("queryid"));
      if (count != null) {
        count[0]++;
        mamLast.put(result.attr("queryid"), result.attr("id"));
      }
      return;
    }
    String body = x.childText("body");
    if (body == null || "error".equals(x.attr("type"))) {
      return;
    }
    Xml sid = x.child("stanza-id", "urn:xmpp:sid:0");
    String position = sid == null ? null : sid.attr("id");
    if (sid != null && user.id().equals(sid.attr("by"))) {
      lastArchiveId = position;
    }
    listener.onMessage(body, position);
  }

  private void onPresence(Xml x) {
    String from = x.attr("from");
    String room = from == null ? null : from.split("/", 2)[0];
    CompletableFuture<Void> joined = room == null ? null : joins.get(room);
    if (joined == null) {
      return;
    }
    if ("error".equals(x.attr("type"))) {
      joins.remove(room);
      joined.completeExceptionally(new ServerError("muc_join", x.toString()));
      return;
    }
    Xml mucUser = x.child("x", MUC_USER);
    if (mucUser != null && mucUser.children().stream()
        .anyMatch(c -> c.name().equals("status") && "110".equals(c.attr("code")))) {
      joins.remove(room);
      joined.complete(null);
    }
  }

  private void onIq(Xml x) {
    String type = x.attr("type");
    String id = x.attr("id");
    if ("result".equals(type) || "error".equals(type)) {
      CompletableFuture<Xml> answer = iqs.remove(id);
      if (answer != null) {
        if ("result".equals(type)) {
          answer.complete(x);
        } else {
          answer.completeExceptionally(new ServerError("iq_error", x.toString()));
        }
      }
      return;
    }
    // a request to us (e.g. XEP-0199 ping): answer ping, refuse the rest
    String to = x.attr("from") == null ? "" : " to='" + x.attr("from") + "'";
    boolean ping = x.child("ping", "urn:xmpp:ping") != null;
    write("<iq type='" + (ping ? "result" : "error") + "' id='" + Xml.escape(id) + "'" + to + ">"
        + (ping ? "" : "<error type='cancel'><feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>")
        + "</iq>");
  }

  private void onClose() {
    ServerError closed = new ServerError("closed", "connection closed");
    ready.completeExceptionally(closed);
    unacked.values().forEach(f -> f.completeExceptionally(closed));
    unacked.clear();
    iqs.values().forEach(f -> f.completeExceptionally(closed));
    iqs.clear();
    joins.values().forEach(f -> f.completeExceptionally(closed));
    joins.clear();
  }
}
