package dev.parley.bench.scenario;

import dev.parley.bench.cost.CostMeter;
import dev.parley.bench.cost.EngineSet;
import dev.parley.bench.report.ResultBuilder;
import dev.parley.bench.report.RunResult;
import java.util.List;
import java.util.Map;

/**
 * What a cluster's engines store, and per message: PostgreSQL's {@code messages} and {@code events} tables with
 * their indexes (the first tier), Cassandra's tables of the keyspace after a flush of its memtables and Kafka's log
 * segments (the second tier). Run it after filling a conversation (e.g. with the history loader).
 */
public final class StorageScenario {

  private StorageScenario() {
  }

  public static RunResult run(StorageConfig c) {
    ResultBuilder b = new ResultBuilder("storage", "parley", null).param("engines", c.engines());
    try (EngineSet engines = EngineSet.open(c.engines())) {
      Map<String, Double> sizes = new CostMeter(List.of(), engines).storage();
      sizes.forEach(b::counter);
      double messages = c.messages() > 0 ? c.messages() : sizes.getOrDefault("postgres_messages", 0.0);
      b.counter("messages", messages);
      if (messages > 0) {
        if (sizes.containsKey("postgres_messages_bytes") && sizes.getOrDefault("postgres_messages", 0.0) > 0) {
          b.counter("postgres_bytes_per_message", (sizes.get("postgres_messages_bytes") + sizes.get("postgres_events_bytes"))
              / sizes.get("postgres_messages"));
        }
        if (sizes.containsKey("cassandra_keyspace_bytes")) {
          b.counter("cassandra_bytes_per_message", sizes.get("cassandra_keyspace_bytes") / messages);
        }
        if (sizes.containsKey("kafka_log_bytes")) {
          b.counter("kafka_bytes_per_message", sizes.get("kafka_log_bytes") / messages);
        }
      }
    }
    return b.note("sizes as the engines report them: PostgreSQL pg_total_relation_size (table, indexes, TOAST),"
        + " Cassandra LiveDiskSpaceUsed after a flush (SSTables, before any further compaction), Kafka's log"
        + " segment sizes").build();
  }
}
