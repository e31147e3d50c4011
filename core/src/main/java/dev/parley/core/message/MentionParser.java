package dev.parley.core.message;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds mentions in message content: {@code @username} (2-32 of {@code a-z 0-9 _ .}, case-insensitive),
 * {@code @here} and {@code @channel}. A mention starts the content or follows a character that cannot be part
 * of a name or an address (so {@code bob@example.org} mentions nobody), and text in code ({@code `...`} and
 * fenced blocks) mentions nobody. At most {@link #MAX_NAMES} distinct names are taken, in order of appearance.
 */
public final class MentionParser {
    public static final int MAX_NAMES = 50;

    /** What the content asks for: lower-case usernames, and the two flags as written (not yet allowed). */
    public record Parsed(Set<String> usernames, boolean here, boolean channel) {
    }

    private static final Pattern CODE = Pattern.compile("```[\\s\\S]*?(```|$)|`[^`\\n]*`");
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.@])@([A-Za-z0-9_.]{2,32})(?![A-Za-z0-9_])");

    private MentionParser() {
    }

    public static Parsed parse(String content) {
        String text = CODE.matcher(content).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        boolean here = false;
        boolean channel = false;
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String name = trimDots(m.group(1).toLowerCase(Locale.ROOT));
            switch (name) {
                case "here" -> here = true;
                case "channel" -> channel = true;
                default -> {
                    if (name.length() >= 2 && names.size() < MAX_NAMES) {
                        names.add(name);
                    }
                }
            }
        }
        return new Parsed(names, here, channel);
    }

    /** "@bob." at the end of a sentence names bob. */
    private static String trimDots(String name) {
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == '.') {
            end--;
        }
        return name.substring(0, end);
    }
}
