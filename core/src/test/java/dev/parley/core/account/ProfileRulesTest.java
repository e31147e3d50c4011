package dev.parley.core.account;

import static dev.parley.core.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "alice", "a.b_c", "user_01", "..", "0123456789abcdefghijklmnopqrstuv"})
    void usernamesOfTwoToThirtyTwoAllowedCharactersAreAccepted(String name) {
        assertThat(ProfileRules.username(name)).isEqualTo(name);
    }

    @Test
    void usernamesAreCaseInsensitiveAndStoredLowerCase() {
        assertThat(ProfileRules.username("Alice.Smith")).isEqualTo("alice.smith");
        assertThat(ProfileRules.normalizeUsername("BOB")).isEqualTo(ProfileRules.normalizeUsername("bob"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "0123456789abcdefghijklmnopqrstuvw", "al ice", "al-ice", "al@ice", "ålice",
            "名前名前", "alice\n", " alice"})
    void otherUsernamesAreRefused(String name) {
        assertRefused(() -> ProfileRules.username(name), ErrorCode.INVALID_USERNAME);
    }

    @Test
    void passwordsNeedAtLeastEightCharacters() {
        assertRefused(() -> ProfileRules.password("1234567"), ErrorCode.INVALID_PASSWORD);
        ProfileRules.password("12345678");
        ProfileRules.password("x".repeat(ProfileRules.MAX_PASSWORD));
        assertRefused(() -> ProfileRules.password("x".repeat(ProfileRules.MAX_PASSWORD + 1)), ErrorCode.INVALID_PASSWORD);
    }

    @Test
    void passwordLengthCountsCharactersNotUtf16Units() {
        String fourEmoji = "\uD83D\uDE00".repeat(4);
        assertRefused(() -> ProfileRules.password(fourEmoji), ErrorCode.INVALID_PASSWORD);
        ProfileRules.password(fourEmoji.repeat(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://img.example.com/a.png", "https://img.example.com/a.png?size=64",
            "HTTPS://Example.COM/x", "https://127.0.0.1:8443/avatar"})
    void httpAndHttpsUrlsWithAHostAreAcceptedAsAvatars(String url) {
        assertThat(ProfileRules.avatarUrl(url)).isEqualTo(url);
    }

    @Test
    void avatarUrlIsTrimmedAndAnEmptyOneClearsTheAvatar() {
        assertThat(ProfileRules.avatarUrl("  https://example.com/a.png \n")).isEqualTo("https://example.com/a.png");
        assertThat(ProfileRules.avatarUrl("   ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript://example.com/%0Aalert(1)", "data:image/png;base64,iVBORw0KGgo=",
            "ftp://example.com/a.png", "file:///etc/passwd", "/relative/a.png", "a.png", "//example.com/a.png",
            "http:///no-host.png", "https://", "https:no-host", "http://exa mple.com/a.png"})
    void otherAvatarUrlsAreRefused(String url) {
        assertRefused(() -> ProfileRules.avatarUrl(url), ErrorCode.INVALID_AVATAR_URL);
    }

    @Test
    void avatarUrlsAreAtMost2048Characters() {
        String prefix = "https://example.com/";
        String longest = prefix + "a".repeat(ProfileRules.MAX_AVATAR_URL - prefix.length());
        assertThat(ProfileRules.avatarUrl(longest)).hasSize(ProfileRules.MAX_AVATAR_URL);
        assertRefused(() -> ProfileRules.avatarUrl(longest + "a"), ErrorCode.INVALID_AVATAR_URL);
    }

    @Test
    void displayNameIsTrimmedNotBlankAndAtMostSixtyFourCharacters() {
        assertThat(ProfileRules.displayName("  Ada Lovelace ")).isEqualTo("Ada Lovelace");
        assertRefused(() -> ProfileRules.displayName(" \t "), ErrorCode.INVALID_REQUEST);
        String astral = "\uD83D\uDC0D".repeat(ProfileRules.MAX_DISPLAY_NAME);
        assertThat(ProfileRules.displayName(astral)).isEqualTo(astral);
        assertRefused(() -> ProfileRules.displayName("n".repeat(ProfileRules.MAX_DISPLAY_NAME + 1)), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void statusTextIsTrimmedMayBeEmptyAndIsAtMost128Characters() {
        assertThat(ProfileRules.statusText("  out for lunch  ")).isEqualTo("out for lunch");
        assertThat(ProfileRules.statusText("   ")).isEmpty();
        assertThat(ProfileRules.statusText("s".repeat(ProfileRules.MAX_STATUS_TEXT))).hasSize(ProfileRules.MAX_STATUS_TEXT);
        assertRefused(() -> ProfileRules.statusText("s".repeat(ProfileRules.MAX_STATUS_TEXT + 1)), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void emailNeedsSomethingOnBothSidesOfAnAtAndNoSpaces() {
        assertThat(ProfileRules.email(" ada@example.com ")).isEqualTo("ada@example.com");
        for (String bad : new String[] {"ada", "@example.com", "ada@", "ada @example.com", "ada@exa mple.com"}) {
            assertRefused(() -> ProfileRules.email(bad), ErrorCode.INVALID_REQUEST);
        }
    }
}
