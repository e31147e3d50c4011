package dev.parley.bench.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cassandra's own metrics (its JVM's MBeans, what {@code nodetool tablestats} reads): requests it coordinated,
 * writes and reads of the keyspace's tables, and their live size on disk; for the storage figures it flushes the
 * keyspace's memtables first, so every written row is counted on disk.
 */
final class CassandraProbe implements EngineProbe {

  private static final String METRICS = "org.apache.cassandra.metrics:";

  private final Long pid;
  private final String keyspace;
  private final Jmx jmx;

  CassandraProbe(long pid, String keyspace) {
    this.pid = pid;
    this.keyspace = keyspace;
    this.jmx = Jmx.attach(pid);
  }

  @Override
  public String name() {
    return "cassandra";
  }

  @Override
  public Long pid() {
    return pid;
  }

  @Override
  public Map<String, Double> counters() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("client_writes", jmx.sum(METRICS + "type=ClientRequest,scope=Write,name=Latency", "Count"));
    out.put("client_reads", jmx.sum(METRICS + "type=ClientRequest,scope=Read,name=Latency", "Count"));
    out.put("table_writes", jmx.sum(table("*", "WriteLatency"), "Count"));
    out.put("table_reads", jmx.sum(table("*", "ReadLatency"), "Count"));
    return out;
  }

  @Override
  public Map<String, Double> storage() {
    jmx.invoke("org.apache.cassandra.db:type=StorageService", "forceKeyspaceFlush",
        new Object[] {keyspace, new String[0]}, new String[] {String.class.getName(), String[].class.getName()});
    Map<String, Double> out = new LinkedHashMap<>();
    for (String t : new String[] {"messages", "messages_by_id", "events", "nonces", "outcomes", "heads"}) {
      out.put(t + "_bytes", jmx.sum(table(t, "LiveDiskSpaceUsed"), "Count"));
    }
    out.put("keyspace_bytes", jmx.sum(table("*", "LiveDiskSpaceUsed"), "Count"));
    return out;
  }

  private String table(String table, String metric) {
    return METRICS + "type=Table,keyspace=" + keyspace + ",scope=" + table + ",name=" + metric;
  }

  @Override
  public void close() {
    jmx.close();
  }
}
