package dev.parley.bench.driver;

import java.net.URI;
import java.util.List;

/**
 * The server under test: one node, or several nodes of one Parley cluster.
 *
 * @param urls       base address of each node: Parley {@code http://host:port}, ejabberd {@code http://host:5280}
 *                   (its /ws and /api), nats {@code nats://host:port}; empty for nats to start one
 * @param serverPids the server process of each node, in the order of {@code urls}, for CPU/RSS sampling; empty
 *                   to find them by the urls' ports
 */
public record Target(TargetKind kind, List<String> urls, List<Long> serverPids) {

  public Target {
    urls = List.copyOf(urls);
    serverPids = List.copyOf(serverPids);
    if (urls.size() > 1 && kind != TargetKind.PARLEY) {
      throw new IllegalArgumentException("several node urls are for Parley clusters only, not " + kind.id());
    }
  }

  /** One node at {@code url} (null: none yet, for nats), its process {@code serverPid} or null. */
  public Target(TargetKind kind, String url, Long serverPid) {
    this(kind, url == null ? List.of() : List.of(url), serverPid == null ? List.of() : List.of(serverPid));
  }

  public static Target of(TargetKind kind) {
    return new Target(kind, kind.defaultUrl(), null);
  }

  /** The first node's address (null when there is none yet). */
  public String url() {
    return urls.isEmpty() ? null : urls.getFirst();
  }

  /** Node {@code i}'s address. */
  public String url(int node) {
    return urls.get(node);
  }

  /** How many nodes the scenario spreads its clients over (at least 1). */
  public int nodes() {
    return Math.max(1, urls.size());
  }

  /** Every node's address, comma-separated, for reports. */
  public String label() {
    return urls.isEmpty() ? null : String.join(",", urls);
  }

  /** The first node's process, or null when unknown. */
  public Long serverPid() {
    return serverPids.isEmpty() ? null : serverPids.getFirst();
  }

  public Target withUrl(String newUrl) {
    return new Target(kind, List.of(newUrl), serverPids);
  }

  public Target withServerPid(Long pid) {
    return new Target(kind, urls, pid == null ? List.of() : List.of(pid));
  }

  public URI uri() {
    return uri(0);
  }

  public URI uri(int node) {
    return URI.create(url(node));
  }

  /** The first node's port, or the scheme's default. */
  public int port() {
    return port(0);
  }

  /** Node {@code i}'s port, or the scheme's default. */
  public int port(int node) {
    URI u = uri(node);
    if (u.getPort() > 0) {
      return u.getPort();
    }
    return switch (u.getScheme()) {
      case "https", "wss" -> 443;
      case "nats" -> 4222;
      default -> 80;
    };
  }
}
