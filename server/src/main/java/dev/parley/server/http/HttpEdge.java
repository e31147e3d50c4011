package dev.parley.server.http;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;

/**
 * What every HTTP exchange of a node passes through, before any route: the security headers on every answer, a
 * request target whose percent-encoding is well formed, and answers in the contract's error shape for requests the
 * HTTP codec itself refused (too long a request line, too large headers, bytes no header may hold).
 */
public final class HttpEdge {
    /**
     * The browser client is plain ES modules and stylesheets from this node; it sets styles through the CSSOM only.
     * Avatars are images from anywhere on the web; the gateway may be another node (ws:, wss:).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' https: http:; connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private HttpEdge() {
    }

    /** Puts the headers every answer carries, API and browser client alike. */
    public static void secure(HttpServerResponse response) {
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin");
    }

    /** The first handler of the router: secures the answer, then refuses a malformed target before any route reads it. */
    static void check(RoutingContext ctx) {
        secure(ctx.response());
        if (!wellEncoded(ctx.request().uri())) {
            Endpoints.answer(ctx.response(), ParleyException.invalid("the request target has malformed percent-encoding"));
            return;
        }
        ctx.next();
    }

    /**
     * For {@code HttpServer.invalidRequestHandler}: the codec could not read the request, so no route will see it.
     * Answers in the contract's shape and closes the connection (what follows on it cannot be trusted to be framed).
     */
    public static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        ParleyException e;
        if (cause instanceof TooLongHttpLineException) {
            e = new ParleyException(ErrorCode.URI_TOO_LONG, "the request line is too long");
        } else if (cause instanceof TooLongHttpHeaderException) {
            e = new ParleyException(ErrorCode.HEADERS_TOO_LARGE, "the request headers are too large");
        } else {
            e = ParleyException.invalid("the request is not valid HTTP");
        }
        HttpServerResponse response = request.response();
        secure(response);
        response.putHeader("Connection", "close");
        Endpoints.answer(response, e);
        request.connection().close();
    }

    /**
     * True when every {@code %} of the target starts two hex digits and the bytes the target stands for are UTF-8.
     * The codec hands the target over one char per byte, so chars above 0xFF cannot occur. A target of ASCII without
     * {@code %} (most of them) is UTF-8 as it is, and is not decoded.
     */
    static boolean wellEncoded(String target) {
        if (asciiWithoutEscapes(target)) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(target.length());
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0
                        || Character.digit(target.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(target.charAt(i + 1), 16) * 16 + Character.digit(target.charAt(i + 2), 16));
                i += 2;
            } else if (c > 0xFF) {
                return false;
            } else {
                bytes.write(c);
            }
        }
        try {
            Json.utf8(bytes.toByteArray());
            return true;
        } catch (ParleyException notUtf8) {
            return false;
        }
    }

    private static boolean asciiWithoutEscapes(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
