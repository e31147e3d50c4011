package dev.parley.core.error;

/** Stable error codes of the wire contract, each with the HTTP status it maps to at the edge. */
public enum ErrorCode {
    MALFORMED_JSON("malformed_json", 400),
    INVALID_ENCODING("invalid_encoding", 400),
    INVALID_REQUEST("invalid_request", 400),
    INVALID_USERNAME("invalid_username", 400),
    INVALID_PASSWORD("invalid_password", 400),
    INVALID_AVATAR_URL("invalid_avatar_url", 400),
    CONTENT_EMPTY("content_empty", 400),
    CONTENT_TOO_LONG("content_too_long", 400),
    INVALID_REPLY_TO("invalid_reply_to", 400),
    UNKNOWN_OP("unknown_op", 400),
    UNAUTHORIZED("unauthorized", 401),
    INVALID_CREDENTIALS("invalid_credentials", 401),
    FORBIDDEN("forbidden", 403),
    INVITE_REQUIRED("invite_required", 403),
    REGISTRATION_CLOSED("registration_closed", 403),
    ACCOUNT_DEACTIVATED("account_deactivated", 403),
    INVALID_STATE("invalid_state", 400),
    INVALID_ID_TOKEN("invalid_id_token", 401),
    IDENTITY_PROVIDER_ERROR("identity_provider_error", 502),
    NOT_FOUND("not_found", 404),
    USERNAME_TAKEN("username_taken", 409),
    CONFLICT("conflict", 409),
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    URI_TOO_LONG("uri_too_long", 414),
    HEADERS_TOO_LARGE("headers_too_large", 431),
    RATE_LIMITED("rate_limited", 429),
    UNAVAILABLE("unavailable", 503),
    INTERNAL("internal_error", 500);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
