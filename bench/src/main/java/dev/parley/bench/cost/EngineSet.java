package dev.parley.bench.cost;

import dev.parley.bench.sys.PortOwner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The engines of a cluster, from the {@code engines.env} file {@code ./parley cluster} writes into its folder (the
 * {@code PARLEY_*} settings its nodes got: {@code PARLEY_POSTGRES_URL}, {@code PARLEY_REDIS_URL},
 * {@code PARLEY_KAFKA_BOOTSTRAP_SERVERS}, {@code PARLEY_CASSANDRA_CONTACT_POINTS}, ...). Each engine's process is
 * the one listening on its port (local engines only).
 */
public final class EngineSet implements AutoCloseable {

  private final List<EngineProbe> probes;

  private EngineSet(List<EngineProbe> probes) {
    this.probes = List.copyOf(probes);
  }

  public static EngineSet none() {
    return new EngineSet(List.of());
  }

  /** Probes for every engine the file names. */
  public static EngineSet open(Path envFile) {
    Map<String, String> env = read(envFile);
    List<EngineProbe> probes = new ArrayList<>();
    try {
      String pg = env.get("PARLEY_POSTGRES_URL");
      if (pg != null) {
        URI u = URI.create(pg.substring("jdbc:".length()));
        probes.add(new PostgresProbe(pg, pid(u.getPort())));
      }
      String redis = env.get("PARLEY_REDIS_URL");
      if (redis != null) {
        URI u = URI.create(redis);
        probes.add(new RedisProbe(u.getHost(), u.getPort(), pid(u.getPort())));
      }
      String kafka = env.get("PARLEY_KAFKA_BOOTSTRAP_SERVERS");
      if (kafka != null) {
        probes.add(new KafkaProbe(required(pid(port(kafka)), "Kafka")));
      }
      String cassandra = env.get("PARLEY_CASSANDRA_CONTACT_POINTS");
      if (cassandra != null) {
        probes.add(new CassandraProbe(required(pid(port(cassandra)), "Cassandra"),
            env.getOrDefault("PARLEY_CASSANDRA_KEYSPACE", "parley")));
      }
    } catch (java.sql.SQLException | RuntimeException e) {
      probes.forEach(EngineProbe::close);
      throw new IllegalStateException("cannot reach the engines of " + envFile + ": " + e.getMessage(), e);
    }
    return new EngineSet(probes);
  }

  public List<EngineProbe> probes() {
    return probes;
  }

  public boolean has(String name) {
    return probes.stream().anyMatch(p -> p.name().equals(name));
  }

  /** {@code KEY=VALUE} lines; blank lines and {@code #} comments are skipped. */
  static Map<String, String> read(Path file) {
    try {
      Map<String, String> env = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
          env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
      return env;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the engines file " + file, e);
    }
  }

  /** The port of the first {@code host:port} of a comma-separated list. */
  private static int port(String hostPorts) {
    String first = hostPorts.split(",")[0].trim();
    return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
  }

  private static Long pid(int port) {
    OptionalLong pid = PortOwner.pidListeningOn(port);
    return pid.isPresent() ? pid.getAsLong() : null;
  }

  private static long required(Long pid, String engine) {
    if (pid == null) {
      throw new IllegalStateException("no local process listens on " + engine + "'s port");
    }
    return pid;
  }

  @Override
  public void close() {
    probes.forEach(EngineProbe::close);
  }
}
