package dev.parley.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionParserTest {
    @Test
    void namesAreFoundCaseInsensitivelyOnceEachInOrder() {
        var parsed = MentionParser.parse("@Bob hi @ann, and @bob again (@carl.)");

        assertThat(parsed.usernames()).containsExactly("bob", "ann", "carl");
        assertThat(parsed.here()).isFalse();
        assertThat(parsed.channel()).isFalse();
    }

    @Test
    void addressesCodeAndOneLetterNamesMentionNobody() {
        var parsed = MentionParser.parse("mail bob@example.org, `@ann` ```\n@carl\n``` @x and @@dan");

        assertThat(parsed.usernames()).isEmpty();
    }

    @Test
    void hereAndChannelAreFlagsNotNames() {
        var parsed = MentionParser.parse("@here and @Channel: @here");

        assertThat(parsed.usernames()).isEmpty();
        assertThat(parsed.here()).isTrue();
        assertThat(parsed.channel()).isTrue();
    }

    @Test
    void atMostFiftyNamesAreTaken() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            text.append("@user").append(i).append(' ');
        }

        assertThat(MentionParser.parse(text.toString()).usernames()).hasSize(MentionParser.MAX_NAMES).startsWith("user0");
    }
}
