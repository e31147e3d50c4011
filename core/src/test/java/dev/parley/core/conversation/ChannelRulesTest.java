package dev.parley.core.conversation;

import static dev.parley.core.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

class ChannelRulesTest {

    @Test
    void nameIsTrimmed() {
        assertThat(ChannelRules.name("  general \n")).isEqualTo("general");
    }

    @Test
    void blankNameIsRefused() {
        assertRefused(() -> ChannelRules.name(""), ErrorCode.INVALID_REQUEST);
        assertRefused(() -> ChannelRules.name(" \t "), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void nameIsAtMostOneHundredCharactersCountingAstralOnce() {
        String astral = "\uD83D\uDC0D".repeat(ChannelRules.MAX_NAME);
        assertThat(ChannelRules.name(astral)).isEqualTo(astral);
        assertRefused(() -> ChannelRules.name("n".repeat(ChannelRules.MAX_NAME + 1)), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void topicIsTrimmedMayBeEmptyAndIsAtMost1024Characters() {
        assertThat(ChannelRules.topic("  weekly sync ")).isEqualTo("weekly sync");
        assertThat(ChannelRules.topic("  ")).isEmpty();
        assertThat(ChannelRules.topic("t".repeat(ChannelRules.MAX_TOPIC))).hasSize(ChannelRules.MAX_TOPIC);
        assertRefused(() -> ChannelRules.topic("t".repeat(ChannelRules.MAX_TOPIC + 1)), ErrorCode.INVALID_REQUEST);
    }
}
