package dev.parley.server.oidc;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Lets Nimbus fetch a provider's JWKS through {@code java.net.http}, like every other call to the provider. */
final class JdkResourceRetriever implements ResourceRetriever {
    private final HttpClient http;
    private final Duration timeout;

    JdkResourceRetriever(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.toURI()).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("the provider's key set answered " + response.statusCode());
            }
            return new Resource(response.body(), response.headers().firstValue("Content-Type").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        } catch (URISyntaxException e) {
            throw new IOException("bad key set URL " + url, e);
        }
    }
}
