package dev.parley.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bench.Json;
import dev.parley.bench.metrics.LatencyStats;
import dev.parley.bench.sys.ResourceSample;
import dev.parley.bench.sys.ServerUsage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultOutputTest {

  private static RunResult sample() {
    RunResult step = new ResultBuilder("fanout", "parley", "http://127.0.0.1:8080").param("rate", 100.0)
        .latency("send_to_receive", new LatencyStats(10, 1, 1, 2, 3, 4, 5)).counter("deliveries_per_sec", 900).build();
    return new ResultBuilder("fanout", "parley", "http://127.0.0.1:8080")
        .param("channels", 2).param("rate", 100.0)
        .latency("send_to_receive", new LatencyStats(1000, 1.5, 1.2, 2.0, 4.5, 9.0, 12.0))
        .latency("send_to_ack", new LatencyStats(100, 0.5, 0.4, 0.8, 1.5, 2.0, 2.5))
        .counter("offered_rate", 100).counter("deliveries_per_sec", 900.5)
        .errors(Map.of("rate_limited", 3L))
        .server(ServerUsage.of(42L, List.of(new ResourceSample(0, null, 1L << 20, 5L << 20),
            new ResourceSample(1, 50.0, 2L << 20, 6L << 20))))
        .step(step)
        .note("a note")
        .build();
  }

  @Test
  void jsonHasTheDocumentedShape(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/result.json");
    RunResult written = sample();
    ResultFiles.write(written, file);
    JsonNode j = Json.MAPPER.readTree(file.toFile());
    assertThat(j.path("scenario").asText()).isEqualTo("fanout");
    assertThat(j.path("target").asText()).isEqualTo("parley");
    assertThat(j.path("url").asText()).isEqualTo("http://127.0.0.1:8080");
    assertThat(j.path("started_at").isTextual()).isTrue();
    assertThat(j.path("params").path("channels").asText()).isEqualTo("2");
    JsonNode s2r = j.path("latencies").path("send_to_receive");
    assertThat(s2r.path("count").asLong()).isEqualTo(1000);
    assertThat(s2r.path("p99_ms").asDouble()).isEqualTo(4.5);
    assertThat(s2r.fieldNames()).toIterable()
        .containsExactly("count", "mean_ms", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms");
    assertThat(j.path("counters").path("deliveries_per_sec").asDouble()).isEqualTo(900.5);
    assertThat(j.path("errors").path("rate_limited").asLong()).isEqualTo(3);
    assertThat(j.path("server").path("pid").asLong()).isEqualTo(42);
    assertThat(j.path("server").path("cpu_avg_percent").asDouble()).isEqualTo(50.0);
    assertThat(j.path("server").path("rss_max_bytes").asLong()).isEqualTo(2L << 20);
    assertThat(j.path("server").path("heap_last_bytes").asLong()).isEqualTo(6L << 20);
    assertThat(j.path("server").path("samples")).hasSize(2);
    assertThat(j.path("steps")).hasSize(1);
    assertThat(j.path("steps").get(0).path("counters").path("deliveries_per_sec").asDouble()).isEqualTo(900);
    assertThat(j.path("notes").get(0).asText()).isEqualTo("a note");
    assertThat(ResultFiles.read(file)).isEqualTo(written);
  }

  @Test
  void defaultFileNameNamesScenarioAndTarget() {
    assertThat(ResultFiles.defaultPath("fanout", "ejabberd").toString())
        .matches("bench-results/fanout-ejabberd-\\d{8}-\\d{6}\\.json");
  }

  @Test
  void tableShowsLatenciesCountersErrorsServerAndSteps() {
    String table = ResultTable.render(sample());
    assertThat(table).contains("== fanout on parley (http://127.0.0.1:8080)")
        .contains("send_to_receive", "4.50", "send_to_ack")
        .contains("deliveries_per_sec")
        .contains("errors: rate_limited=3")
        .contains("server pid 42: cpu avg 50% max 50%, rss max 2 MiB, heap max 6 MiB")
        .contains("-- steps --", "rate=100.0", "send_to_receive.p99=3.00ms")
        .contains("note: a note");
  }
}
