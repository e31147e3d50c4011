package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;
import java.nio.file.Path;

/**
 * Storage: the sizes of what a cluster's engines hold, from the engines' own figures.
 *
 * @param engines  the cluster's {@code engines.env} ({@code ./parley cluster} writes it into its folder)
 * @param messages how many messages the engines hold, to give bytes per message; 0 to take PostgreSQL's count
 *                 of its {@code messages} table (the first tier), or to give sizes only
 */
public record StorageConfig(Path engines, long messages) {

  public static StorageConfig from(Args a) {
    String engines = a.string("engines", null);
    if (engines == null) {
      throw new IllegalArgumentException("storage needs --engines (the cluster's engines.env)");
    }
    return new StorageConfig(Path.of(engines), (long) a.number("messages", 0));
  }
}
