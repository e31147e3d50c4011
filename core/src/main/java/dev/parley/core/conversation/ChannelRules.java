package dev.parley.core.conversation;

import dev.parley.core.error.ParleyException;

/** What a channel's name and topic may be. */
public final class ChannelRules {
    public static final int MAX_NAME = 100;
    public static final int MAX_TOPIC = 1024;

    private ChannelRules() {
    }

    public static String name(String raw) {
        String name = raw.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
            throw ParleyException.invalid("name must be 1-" + MAX_NAME + " characters, not blank");
        }
        return name;
    }

    public static String topic(String raw) {
        String topic = raw.strip();
        if (topic.codePointCount(0, topic.length()) > MAX_TOPIC) {
            throw ParleyException.invalid("topic must be at most " + MAX_TOPIC + " characters");
        }
        return topic;
    }
}
