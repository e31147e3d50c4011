package dev.parley.bench.driver;

import java.net.URI;

/**
 * The server under test.
 *
 * @param url       base address: Parley {@code http://host:port}, ejabberd {@code http://host:5280}
 *                  (its /ws and /api), nats {@code nats://host:port} or null to start one
 * @param serverPid the server process for CPU/RSS sampling, or null to find it by the url's port
 */
public record Target(TargetKind kind, String url, Long serverPid) {

  public static Target of(TargetKind kind) {
    return new Target(kind, kind.defaultUrl(), null);
  }

  public Target withUrl(String newUrl) {
    return new Target(kind, newUrl, serverPid);
  }

  public Target withServerPid(Long pid) {
    return new Target(kind, url, pid);
  }

  public URI uri() {
    return URI.create(url);
  }

  /** The url's port, or the scheme's default. */
  public int port() {
    URI u = uri();
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
