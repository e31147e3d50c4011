package dev.parley.bench.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka broker's own metrics (its JVM's MBeans): records and bytes in and out of every topic, and the size on
 * disk of every partition's log.
 */
final class KafkaProbe implements EngineProbe {

  private static final String TOPICS = "kafka.server:type=BrokerTopicMetrics,name=";

  private final Long pid;
  private final Jmx jmx;

  KafkaProbe(long pid) {
    this.pid = pid;
    this.jmx = Jmx.attach(pid);
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public Long pid() {
    return pid;
  }

  @Override
  public Map<String, Double> counters() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("records_in", jmx.sum(TOPICS + "MessagesInPerSec", "Count"));
    out.put("bytes_in", jmx.sum(TOPICS + "BytesInPerSec", "Count"));
    out.put("bytes_out", jmx.sum(TOPICS + "BytesOutPerSec", "Count"));
    out.put("log_bytes", jmx.sum("kafka.log:type=Log,name=Size,*", "Value"));
    return out;
  }

  @Override
  public Map<String, Double> storage() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("log_bytes", jmx.sum("kafka.log:type=Log,name=Size,*", "Value"));
    out.put("log_records", jmx.sum("kafka.log:type=Log,name=LogEndOffset,*", "Value")
        - jmx.sum("kafka.log:type=Log,name=LogStartOffset,*", "Value"));
    return out;
  }

  @Override
  public void close() {
    jmx.close();
  }
}
