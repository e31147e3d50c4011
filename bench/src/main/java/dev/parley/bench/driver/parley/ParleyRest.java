package dev.parley.bench.driver.parley;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bench.Json;
import dev.parley.bench.driver.ServerError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** JSON calls to the Parley REST API under /api/v1 (java.net.http: keep-alive HTTP/1.1, fully asynchronous). */
final class ParleyRest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final String base;

  ParleyRest(String baseUrl) {
    this.base = baseUrl.replaceAll("/+$", "") + "/api/v1";
  }

  /** Calls {@code method path}; completes with the parsed body (null when empty) or fails with {@link ServerError}. */
  CompletableFuture<JsonNode> call(String method, String path, String token, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      request.method(method, body == null
          ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(r -> parse(r.statusCode(), r.body()));
  }

  private static JsonNode parse(int status, byte[] body) {
    JsonNode json;
    try {
      json = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new ServerError("http_" + status, "unparsable body: " + text(body));
    }
    if (status >= 300) {
      JsonNode err = json == null ? null : json.path("error");
      throw err == null || err.isMissingNode()
          ? new ServerError("http_" + status, text(body))
          : new ServerError(err.path("code").asText("http_" + status), err.path("message").asText());
    }
    return json;
  }

  private static String text(byte[] body) {
    return new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
  }
}
