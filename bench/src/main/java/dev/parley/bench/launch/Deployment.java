package dev.parley.bench.launch;

import java.util.Locale;

/**
 * A Parley deployment the tool can start by itself: {@code sqlite} (one node on its embedded database),
 * {@code postgres:N} (N nodes on PostgreSQL and Redis, the first cluster tier) or {@code kafka:N} (N nodes with the
 * log on Kafka and history on Cassandra, the second tier). N defaults to 3.
 */
public record Deployment(Tier tier, int nodes) {

  /** What the nodes run on. */
  public enum Tier { SQLITE, POSTGRES, KAFKA }

  public Deployment {
    if (nodes < 1 || (tier == Tier.SQLITE && nodes != 1)) {
      throw new IllegalArgumentException("a deployment has at least one node, and sqlite exactly one");
    }
  }

  public static Deployment parse(String spec) {
    String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":", 2);
    Tier tier = switch (parts[0]) {
      case "sqlite" -> Tier.SQLITE;
      case "postgres" -> Tier.POSTGRES;
      case "kafka" -> Tier.KAFKA;
      default -> throw new IllegalArgumentException("unknown deployment '" + spec + "': sqlite, postgres:N or kafka:N");
    };
    int nodes = tier == Tier.SQLITE ? 1 : 3;
    if (parts.length == 2) {
      try {
        nodes = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("deployment '" + spec + "': N must be a number");
      }
    }
    return new Deployment(tier, nodes);
  }

  /** {@code sqlite}, {@code postgres:3}, ... */
  public String id() {
    return tier == Tier.SQLITE ? "sqlite" : tier.name().toLowerCase(Locale.ROOT) + ":" + nodes;
  }
}
