package dev.parley.core.message;

import static dev.parley.core.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.parley.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageRulesTest {
    private static final String SNAKE = "\uD83D\uDC0D";

    @Test
    void emptyContentIsRefusedAsEmpty() {
        assertRefused(() -> MessageRules.content(""), ErrorCode.CONTENT_EMPTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\n", "\t \r\n", "\u2003\u2002"})
    void blankContentIsRefusedAsEmpty(String blank) {
        assertRefused(() -> MessageRules.content(blank), ErrorCode.CONTENT_EMPTY);
    }

    @Test
    void oneCharacterIsEnough() {
        assertThatCode(() -> MessageRules.content("k")).doesNotThrowAnyException();
        assertThatCode(() -> MessageRules.content(" k ")).doesNotThrowAnyException();
    }

    @Test
    void exactlyTenThousandCharactersAreAccepted() {
        assertThatCode(() -> MessageRules.content("a".repeat(10_000))).doesNotThrowAnyException();
    }

    @Test
    void tenThousandAndOneCharactersAreRefusedAsTooLong() {
        assertRefused(() -> MessageRules.content("a".repeat(10_001)), ErrorCode.CONTENT_TOO_LONG);
    }

    @Test
    void astralCharactersCountOnceEach() {
        assertThatCode(() -> MessageRules.content(SNAKE.repeat(10_000))).doesNotThrowAnyException();
        assertThatCode(() -> MessageRules.content("a".repeat(9_999) + SNAKE)).doesNotThrowAnyException();
        assertRefused(() -> MessageRules.content(SNAKE.repeat(10_001)), ErrorCode.CONTENT_TOO_LONG);
        assertRefused(() -> MessageRules.content("a".repeat(10_000) + SNAKE), ErrorCode.CONTENT_TOO_LONG);
    }

    @Test
    void nonceIsOptionalButNeverEmptyOrLongerThan64() {
        assertThatCode(() -> MessageRules.nonce(null)).doesNotThrowAnyException();
        assertThatCode(() -> MessageRules.nonce("n".repeat(64))).doesNotThrowAnyException();
        assertRefused(() -> MessageRules.nonce(""), ErrorCode.INVALID_REQUEST);
        assertRefused(() -> MessageRules.nonce("n".repeat(65)), ErrorCode.INVALID_REQUEST);
    }
}
