package dev.parley.bench.cost;

import java.util.Map;

/**
 * An engine of a Parley cluster seen from the outside: its process (for CPU time) and its own counters, read as
 * running totals so that a run's share is the difference of two readings. Implementations are used by one thread
 * at a time.
 */
public interface EngineProbe extends AutoCloseable {

  /** {@code postgres}, {@code redis}, {@code kafka} or {@code cassandra}: the prefix of its figures. */
  String name();

  /** The engine's process (its descendants count too), or null when it was not found. */
  Long pid();

  /** The engine's counters now, by name (running totals, or sizes). */
  Map<String, Double> counters();

  /** Sizes of what the engine stores, by name, for the storage figures; makes them durable first where needed. */
  Map<String, Double> storage();

  @Override
  default void close() {
  }
}
