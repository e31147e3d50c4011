package dev.parley.core.account;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a username, password, display name, avatar URL, status text and email may be. */
public final class ProfileRules {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.]{2,32}");
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 256;
    public static final int MAX_DISPLAY_NAME = 64;
    public static final int MAX_STATUS_TEXT = 128;
    public static final int MAX_AVATAR_URL = 2048;
    public static final int MAX_EMAIL = 254;

    private ProfileRules() {
    }

    /** Usernames are case-insensitive: they are compared and stored lower-case. */
    public static String normalizeUsername(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    public static String username(String raw) {
        String name = normalizeUsername(raw);
        if (!USERNAME.matcher(name).matches()) {
            throw new ParleyException(ErrorCode.INVALID_USERNAME,
                    "username must be 2-32 characters of a-z, 0-9, _ and .");
        }
        return name;
    }

    public static void password(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw new ParleyException(ErrorCode.INVALID_PASSWORD,
                    "password must be " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
        }
    }

    public static String displayName(String raw) {
        String name = raw.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME) {
            throw ParleyException.invalid("display_name must be 1-" + MAX_DISPLAY_NAME + " characters, not blank");
        }
        return name;
    }

    public static String statusText(String raw) {
        String text = raw.strip();
        if (text.codePointCount(0, text.length()) > MAX_STATUS_TEXT) {
            throw ParleyException.invalid("status_text must be at most " + MAX_STATUS_TEXT + " characters");
        }
        return text;
    }

    /** An avatar is an absolute http(s) URL with a host; the empty string clears it. */
    public static String avatarUrl(String raw) {
        String url = raw.strip();
        if (url.isEmpty()) {
            return url;
        }
        if (url.length() > MAX_AVATAR_URL) {
            throw new ParleyException(ErrorCode.INVALID_AVATAR_URL, "avatar_url is too long");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new ParleyException(ErrorCode.INVALID_AVATAR_URL, "avatar_url must be an http or https URL");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new ParleyException(ErrorCode.INVALID_AVATAR_URL, "avatar_url is not a valid URL");
        }
    }

    public static String email(String raw) {
        String email = raw.strip();
        int at = email.indexOf('@');
        if (email.length() > MAX_EMAIL || at < 1 || at == email.length() - 1 || email.chars().anyMatch(Character::isWhitespace)) {
            throw ParleyException.invalid("email is not a valid address");
        }
        return email;
    }
}
