package dev.parley.core.error;

/**
 * A refusal with a stable code. Raised once in core (or while reading a request at the edge) and
 * mapped once to the wire's error shape.
 */
public final class ParleyException extends RuntimeException {
    private final ErrorCode code;
    private final Long retryAfterMs;

    public ParleyException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ParleyException(ErrorCode code, String message, Long retryAfterMs) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    public ErrorCode code() {
        return code;
    }

    /** Milliseconds until a retry may succeed, for {@link ErrorCode#RATE_LIMITED}; otherwise null. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }

    public static ParleyException notFound(String what) {
        return new ParleyException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ParleyException notFoundConversation() {
        return notFound("conversation");
    }

    public static ParleyException forbidden(String why) {
        return new ParleyException(ErrorCode.FORBIDDEN, why);
    }

    public static ParleyException invalid(String why) {
        return new ParleyException(ErrorCode.INVALID_REQUEST, why);
    }
}
