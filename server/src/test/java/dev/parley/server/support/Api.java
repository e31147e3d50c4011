package dev.parley.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A plain HTTP client of the REST API, as any outside client would use it. */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final HttpClient http;

    public Api(String baseUrl) {
        this(baseUrl, HTTP);
    }

    private Api(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    /**
     * The same API reached from another client address: connections leave from {@code localAddress}. Any
     * 127.x.y.z reaches a node listening on 127.0.0.1, so tests can play several people at several addresses.
     */
    public Api from(String localAddress) {
        try {
            return new Api(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .localAddress(java.net.InetAddress.getByName(localAddress)).build());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An answer: status, headers and body (parsed as JSON when there is one). */
    public record Reply(int status, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return raw.body().isEmpty() ? JSON.nullNode() : JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        public String errorCode() {
            return json().path("error").path("code").asText(null);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A signed-up user with their token. */
    public record Account(String id, String username, String token, String sessionId) {
    }

    public Reply call(String method, String path, String token, String body) {
        return callBytes(method, path, token, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A call with a body of raw bytes (which need not be valid UTF-8), sent as application/json. */
    public Reply callBytes(String method, String path, String token, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    public Reply post(String path, String token, Object body) {
        return call("POST", path, token, body == null ? null : write(body));
    }

    public Reply patch(String path, String token, Object body) {
        return call("PATCH", path, token, write(body));
    }

    public Reply put(String path, String token) {
        return call("PUT", path, token, null);
    }

    public Reply delete(String path, String token) {
        return call("DELETE", path, token, null);
    }

    public Reply delete(String path, String token, Object body) {
        return call("DELETE", path, token, write(body));
    }

    /** Logs a user in as a new session (device). */
    public Reply login(String username, String password) {
        return post("/api/v1/auth/login", null, obj("username", username, "password", password));
    }

    /** Signs up a user with a unique name starting with {@code prefix}. */
    public Account register(String prefix) {
        String username = (prefix + "_" + UUID.randomUUID().toString().replace("-", "")).substring(0, Math.min(32, prefix.length() + 13));
        Reply r = post("/api/v1/auth/register", null, obj("username", username, "password", "correct horse"));
        if (r.status() != 201) {
            throw new IllegalStateException("register failed: " + r.status() + " " + r.raw().body());
        }
        JsonNode j = r.json();
        return new Account(j.path("user").path("id").asText(), username, j.path("token").asText(), j.path("session_id").asText());
    }

    /** Creates a channel owned by {@code owner} and returns its id. */
    public String channel(Account owner, String name, String visibility) {
        Reply r = post("/api/v1/channels", owner.token(), obj("name", name, "visibility", visibility));
        if (r.status() != 201) {
            throw new IllegalStateException("create channel failed: " + r.status() + " " + r.raw().body());
        }
        return r.json().path("id").asText();
    }

    public void addMember(Account owner, String channelId, Account member) {
        Reply r = put("/api/v1/channels/" + channelId + "/members/" + member.id(), owner.token());
        if (r.status() != 204) {
            throw new IllegalStateException("add member failed: " + r.status() + " " + r.raw().body());
        }
    }

    public Reply send(Account author, String conversationId, String content) {
        return post("/api/v1/conversations/" + conversationId + "/messages", author.token(), obj("content", content));
    }

    public static ObjectNode obj(Object... keysAndValues) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            n.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return n;
    }

    private static String write(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
