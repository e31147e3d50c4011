package dev.parley.bench.report;

import dev.parley.bench.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Writes results as JSON files, and reads them back. */
public final class ResultFiles {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private ResultFiles() {
  }

  /** {@code bench-results/<scenario>-<target>-<timestamp>.json} under the working directory. */
  public static Path defaultPath(String scenario, String target) {
    return Path.of("bench-results", scenario + "-" + target + "-" + LocalDateTime.now().format(STAMP) + ".json");
  }

  public static void write(RunResult result, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Json.PRETTY.writeValue(file.toFile(), result);
  }

  /** A result {@link #write} wrote (a child tool process's, say). */
  public static RunResult read(Path file) throws IOException {
    return Json.MAPPER.readValue(file.toFile(), RunResult.class);
  }
}
