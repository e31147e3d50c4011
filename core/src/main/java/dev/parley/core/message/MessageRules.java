package dev.parley.core.message;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;

/** What message content and nonces may be. */
public final class MessageRules {
    public static final int MAX_CONTENT = 10_000;
    public static final int MAX_NONCE = 64;

    private MessageRules() {
    }

    /** Content is 1 to 10,000 Unicode characters (code points), not blank. */
    public static void content(String content) {
        if (content.isBlank()) {
            throw new ParleyException(ErrorCode.CONTENT_EMPTY, "content must not be empty or blank");
        }
        if (content.length() > MAX_CONTENT && content.codePointCount(0, content.length()) > MAX_CONTENT) {
            throw new ParleyException(ErrorCode.CONTENT_TOO_LONG, "content must be at most " + MAX_CONTENT + " characters");
        }
    }

    public static void nonce(String nonce) {
        if (nonce != null && (nonce.isEmpty() || nonce.length() > MAX_NONCE)) {
            throw ParleyException.invalid("nonce must be 1-" + MAX_NONCE + " characters");
        }
    }
}
