package dev.parley.bench.driver;

import java.util.Locale;

/** The servers the benchmark can drive. */
public enum TargetKind {
  PARLEY("http://127.0.0.1:8080"),
  EJABBERD("http://127.0.0.1:5280"),
  /** nats-server; without --url the benchmark starts its own on a free port. */
  NATS(null);

  private final String defaultUrl;

  TargetKind(String defaultUrl) {
    this.defaultUrl = defaultUrl;
  }

  public String defaultUrl() {
    return defaultUrl;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TargetKind of(String id) {
    try {
      return valueOf(id.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown target " + id + " (parley, ejabberd or nats)");
    }
  }
}
