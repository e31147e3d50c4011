package dev.parley.bench.driver.parley;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bench.Json;
import dev.parley.bench.driver.ServerError;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * JSON calls to the Parley REST API under /api/v1 (java.net.http: keep-alive HTTP/1.1, fully asynchronous), and
 * timed reads over a Vert.x client whose answers arrive on one of the tool's event loops.
 */
final class ParleyRest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final String base;
  private final HttpClientAgent reads;
  private final RequestOptions readTarget;
  private final String basePath;

  ParleyRest(String baseUrl, HttpClientAgent reads) {
    this.base = baseUrl.replaceAll("/+$", "") + "/api/v1";
    this.reads = reads;
    URI uri = URI.create(base);
    this.basePath = uri.getRawPath();
    this.readTarget = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost(uri.getHost())
        .setPort(uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80)
        .setSsl("https".equals(uri.getScheme()))
        .setTimeout(TIMEOUT.toMillis());
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

  /**
   * A successful answer's body as it arrived: {@code sentNanos} was read on the event loop that wrote the request,
   * just before it did, and {@code receivedNanos} there when the answer's last byte had come.
   */
  record Received(byte[] body, long sentNanos, long receivedNanos) {}

  /**
   * GETs {@code path} for a latency measurement, timed on the tool's event loop from the request's write to the
   * answer's last byte: neither the tool's thread hand-offs (java.net.http's selector thread and executor, the
   * caller's wake-up) nor its parsing of the answer count as the server's time. Fails with {@link ServerError}
   * unless the answer is a 2xx with a body.
   */
  CompletableFuture<Received> read(String path, String token) {
    RequestOptions options = new RequestOptions(readTarget).setURI(basePath + path);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    return reads.request(options)
        .compose(request -> {
          long sent = System.nanoTime();
          // body() is asked for in the same turn as the answer's head, or what came with the head would be lost
          return request.send().compose(response -> response.body().map(body -> {
            long received = System.nanoTime();
            byte[] bytes = body.getBytes();
            if (response.statusCode() >= 300) {
              parse(response.statusCode(), bytes); // throws the server's error
            }
            if (bytes.length == 0) {
              throw new ServerError("empty_answer", "HTTP " + response.statusCode() + " with no body");
            }
            return new Received(bytes, sent, received);
          }));
        })
        .toCompletionStage().toCompletableFuture();
  }

  /** The number of elements of the array at the top-level {@code field} of a JSON object, read without a tree. */
  static int arraySize(byte[] json, String field) {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return 0;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals(field) && value == JsonToken.START_ARRAY) {
          int n = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren();
            n++;
          }
          return n;
        }
        p.skipChildren();
      }
      return 0;
    } catch (IOException e) {
      throw new ServerError("unparsable", e.getMessage());
    }
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
